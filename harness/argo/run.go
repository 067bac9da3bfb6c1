package main

// argo-harness run: Argo Rollouts' analysis controller (package analysis, v1.9.2)
// reconciles one AnalysisRun against a real server, as the rollout controller
// would create it for an analysis step of the docs' Rollout:
//
//   - the AnalysisTemplate and the Rollout are read from a YAML file (the docs'
//     blocks), strictly (an unknown field fails);
//   - the step's args are resolved by Argo's BuildArgumentsForRolloutAnalysisRun
//     (fieldRef metadata.name/namespace, podTemplateHashValue Latest from a
//     ReplicaSet labelled with -pod-hash) and the run is built by Argo's
//     NewAnalysisRunFromTemplates;
//   - secretKeyRef args are resolved by the controller from a Secret in the fake
//     Kubernetes clientset (value: -token);
//   - the controller is NewController with fake clientsets, real informers and
//     work queue, and the real metric provider factory (its web provider makes the
//     HTTP requests); its reconcile loop runs as in the Argo Rollouts controller.
//
// Only times are changed for tests: -interval and -initial-delay replace the
// metric's interval and initialDelay. Every measurement is printed as a JSON
// line as soon as the controller records it, then the run's final state.

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	log "github.com/sirupsen/logrus"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	kubeinformers "k8s.io/client-go/informers"
	k8sfake "k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"

	"github.com/argoproj/argo-rollouts/analysis"
	"github.com/argoproj/argo-rollouts/controller/metrics"
	"github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	"github.com/argoproj/argo-rollouts/pkg/client/clientset/versioned/fake"
	informers "github.com/argoproj/argo-rollouts/pkg/client/informers/externalversions"
	analysisutil "github.com/argoproj/argo-rollouts/utils/analysis"
	"github.com/argoproj/argo-rollouts/utils/queue"
	"github.com/argoproj/argo-rollouts/utils/record"
)

type measurementLine struct {
	Measurement int    `json:"measurement"`
	Phase       string `json:"phase"`
	Value       string `json:"value"`
	Message     string `json:"message"`
}

type runLine struct {
	Run          string            `json:"run"`
	Message      string            `json:"message"`
	Metric       string            `json:"metric"`
	Successful   int32             `json:"successful"`
	Failed       int32             `json:"failed"`
	Inconclusive int32             `json:"inconclusive"`
	Error        int32             `json:"error"`
	URL          string            `json:"url"`
	Args         map[string]string `json:"args"`
}

func runAnalysis(argv []string) int {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	docs := fs.String("docs", "", "YAML file with the AnalysisTemplate and the Rollout")
	rolloutName := fs.String("rollout-name", "", "the Rollout's metadata.name (default: the file's)")
	step := fs.Int("step", -1, "the Rollout step index with the analysis (default: the first)")
	podHash := fs.String("pod-hash", "6d4f8b7c9", "the new ReplicaSet's pod-template hash")
	baseURL := fs.String("base-url", "", "replaces scheme://host:port of the web metric's URL")
	token := fs.String("token", "test-token", "the value of every Secret the args reference")
	interval := fs.String("interval", "", "replaces the metric's interval (tests)")
	initialDelay := fs.String("initial-delay", "", "replaces the metric's initialDelay (tests)")
	maxMeasurements := fs.Int("max-measurements", 0, "stop after this many measurements (0: at the end)")
	timeout := fs.Duration("timeout", 5*time.Minute, "give up after this long")
	var sets pairs
	fs.Var(&sets, "set", "override a resolved arg NAME=VALUE (repeatable)")
	_ = fs.Parse(argv)
	log.SetOutput(os.Stderr)
	log.SetLevel(log.WarnLevel)

	template, rollout, err := readDocs(*docs)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if *rolloutName != "" {
		rollout.Name = *rolloutName
	}
	rolloutAnalysis, index, err := analysisStep(rollout, *step)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	newRS := &appsv1.ReplicaSet{ObjectMeta: metav1.ObjectMeta{
		Name: rollout.Name + "-" + *podHash, Namespace: rollout.Namespace,
		Labels: map[string]string{v1alpha1.DefaultRolloutUniqueLabelKey: *podHash},
	}}
	args, err := analysisutil.BuildArgumentsForRolloutAnalysisRun(rolloutAnalysis.Args, newRS, newRS, rollout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "args:", err)
		return 2
	}
	for _, kv := range sets {
		key, value, ok := strings.Cut(kv, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "set %q: want NAME=VALUE\n", kv)
			return 2
		}
		found := false
		for i := range args {
			if args[i].Name == key {
				v := value
				args[i].Value, found = &v, true
			}
		}
		if !found {
			fmt.Fprintf(os.Stderr, "set %q: the step has no arg %s\n", kv, key)
			return 2
		}
	}
	for i := range template.Spec.Metrics {
		m := &template.Spec.Metrics[i]
		if *interval != "" {
			m.Interval = v1alpha1.DurationString(*interval)
		}
		if *initialDelay != "" {
			m.InitialDelay = v1alpha1.DurationString(*initialDelay)
		}
		if *baseURL != "" && m.Provider.Web != nil {
			at := strings.Index(m.Provider.Web.URL, "/v1/")
			if at < 0 {
				fmt.Fprintln(os.Stderr, "web metric URL has no /v1/ path:", m.Provider.Web.URL)
				return 2
			}
			m.Provider.Web.URL = strings.TrimRight(*baseURL, "/") + m.Provider.Web.URL[at:]
		}
	}
	labels := analysisutil.StepLabels(int32(index), *podHash, "")
	run, err := analysisutil.NewAnalysisRunFromTemplates(
		[]*v1alpha1.AnalysisTemplate{template}, nil, args, nil, nil, labels, nil,
		rollout.Name+"-"+*podHash+"-"+fmt.Sprint(index), "", rollout.Namespace)
	if err != nil {
		fmt.Fprintln(os.Stderr, "analysis run:", err)
		return 2
	}

	kube := k8sfake.NewSimpleClientset(secretsOf(template, rollout.Namespace, *token)...)
	argo := fake.NewSimpleClientset(run)
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	argoInformers := informers.NewSharedInformerFactory(argo, 0)
	kubeInformers := kubeinformers.NewSharedInformerFactory(kube, 0)
	controller := analysis.NewController(analysis.ControllerConfig{
		KubeClientSet:        kube,
		ArgoProjClientset:    argo,
		AnalysisRunInformer:  argoInformers.Argoproj().V1alpha1().AnalysisRuns(),
		JobInformer:          kubeInformers.Batch().V1().Jobs(),
		ResyncPeriod:         0,
		AnalysisRunWorkQueue: workqueue.NewNamedRateLimitingQueue(queue.DefaultArgoRolloutsRateLimiter(), "AnalysisRuns"),
		MetricsServer: metrics.NewMetricsServer(metrics.ServerConfig{
			Addr:               "127.0.0.1:0",
			K8SRequestProvider: &metrics.K8sRequestsCountProvider{},
		}),
		Recorder: record.NewFakeEventRecorder(),
	})
	argoInformers.Start(ctx.Done())
	kubeInformers.Start(ctx.Done())
	cache.WaitForCacheSync(ctx.Done(),
		argoInformers.Argoproj().V1alpha1().AnalysisRuns().Informer().HasSynced,
		kubeInformers.Batch().V1().Jobs().Informer().HasSynced)
	go func() { _ = controller.Run(ctx, 1) }()
	return watch(ctx, argo, run, *maxMeasurements)
}

// watch prints each new measurement of the run's one metric, then the run's end.
func watch(ctx context.Context, argo *fake.Clientset, run *v1alpha1.AnalysisRun, limit int) int {
	out := json.NewEncoder(os.Stdout)
	seen := 0
	for {
		current, err := argo.ArgoprojV1alpha1().AnalysisRuns(run.Namespace).Get(ctx, run.Name, metav1.GetOptions{})
		if err != nil {
			fmt.Fprintln(os.Stderr, "get run:", err)
			return 2
		}
		var result *v1alpha1.MetricResult
		if len(current.Status.MetricResults) > 0 {
			result = &current.Status.MetricResults[0]
		}
		if result != nil {
			total := int(result.Successful + result.Failed + result.Inconclusive + result.Error)
			kept := result.Measurements
			for n := seen + 1; n <= total; n++ {
				at := len(kept) - (total - n) - 1
				if at < 0 || kept[at].FinishedAt == nil {
					continue
				}
				m := kept[at]
				_ = out.Encode(measurementLine{Measurement: n, Phase: string(m.Phase), Value: m.Value, Message: m.Message})
			}
			seen = total
		}
		done := current.Status.Phase.Completed()
		if done || (limit > 0 && seen >= limit) || ctx.Err() != nil {
			line := runLine{Run: string(current.Status.Phase), Message: current.Status.Message}
			if result != nil {
				line.Metric = string(result.Phase)
				line.Successful, line.Failed = result.Successful, result.Failed
				line.Inconclusive, line.Error = result.Inconclusive, result.Error
			}
			if len(current.Spec.Metrics) > 0 && current.Spec.Metrics[0].Provider.Web != nil {
				line.URL = current.Spec.Metrics[0].Provider.Web.URL
			}
			line.Args = map[string]string{}
			for _, arg := range current.Spec.Args {
				if arg.Value != nil {
					line.Args[arg.Name] = *arg.Value
				}
			}
			_ = out.Encode(line)
			if !done && ctx.Err() != nil && limit == 0 {
				fmt.Fprintln(os.Stderr, "timed out before the run completed")
				return 1
			}
			return 0
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// secretsOf: a Secret for every secretKeyRef arg of the template, holding value.
func secretsOf(template *v1alpha1.AnalysisTemplate, namespace, value string) []runtime.Object {
	var objects []runtime.Object
	for _, arg := range template.Spec.Args {
		if arg.ValueFrom == nil || arg.ValueFrom.SecretKeyRef == nil {
			continue
		}
		ref := arg.ValueFrom.SecretKeyRef
		objects = append(objects, &corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Name: ref.Name, Namespace: namespace},
			Data:       map[string][]byte{ref.Key: []byte(value)},
		})
	}
	return objects
}

// analysisStep: the Rollout's canary step with an analysis (index, or the first).
func analysisStep(rollout *v1alpha1.Rollout, index int) (*v1alpha1.RolloutAnalysis, int, error) {
	if rollout.Spec.Strategy.Canary == nil {
		return nil, 0, fmt.Errorf("rollout %s: no canary strategy", rollout.Name)
	}
	for i, step := range rollout.Spec.Strategy.Canary.Steps {
		if step.Analysis != nil && (index < 0 || index == i) {
			return step.Analysis, i, nil
		}
	}
	return nil, 0, fmt.Errorf("rollout %s: no analysis step (index %d)", rollout.Name, index)
}

// readDocs: the AnalysisTemplate and the Rollout of a YAML file, decoded strictly.
func readDocs(path string) (*v1alpha1.AnalysisTemplate, *v1alpha1.Rollout, error) {
	objects, err := decodeFile(path)
	if err != nil {
		return nil, nil, err
	}
	var template *v1alpha1.AnalysisTemplate
	var rollout *v1alpha1.Rollout
	for _, object := range objects {
		switch o := object.(type) {
		case *v1alpha1.AnalysisTemplate:
			template = o
		case *v1alpha1.Rollout:
			rollout = o
		}
	}
	if template == nil || rollout == nil {
		return nil, nil, fmt.Errorf("%s: needs an AnalysisTemplate and a Rollout", path)
	}
	return template, rollout, nil
}
