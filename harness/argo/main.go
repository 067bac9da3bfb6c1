// Command argo-harness is the client side of gatekeeper's Argo Rollouts tests,
// built from Argo Rollouts' own packages (v1.9.2):
//
//	argo-harness -url URL ...        the web metric provider once: one measurement as JSON
//	argo-harness run -docs FILE ...  the analysis controller on an AnalysisRun built from
//	                                 the AnalysisTemplate and Rollout in FILE (run.go)
//	argo-harness decode FILE         strict decoding of FILE's Argo documents (decode.go)
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	log "github.com/sirupsen/logrus"
	"k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/argoproj/argo-rollouts/metricproviders/webmetric"
	"github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
)

type headers []string

// pairs: repeatable NAME=VALUE flags.
type pairs = headers

func (h *headers) String() string     { return strings.Join(*h, ",") }
func (h *headers) Set(v string) error { *h = append(*h, v); return nil }

type output struct {
	Phase   string `json:"phase"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "run":
			os.Exit(runAnalysis(os.Args[2:]))
		case "decode":
			os.Exit(decodeFiles(os.Args[2:]))
		}
	}
	measureOnce()
}

// measureOnce runs the web metric provider once and prints the measurement: the
// phase that Argo's evaluator gives the success and failure conditions, the
// value and the message.
func measureOnce() {
	url := flag.String("url", "", "the web metric URL")
	method := flag.String("method", "GET", "GET, POST or PUT")
	body := flag.String("body", "", "a JSON request body (jsonBody)")
	jsonPath := flag.String("json-path", "{$}", "the metric's jsonPath")
	success := flag.String("success", "", "the metric's successCondition")
	failure := flag.String("failure", "", "the metric's failureCondition")
	timeout := flag.Int64("timeout", 10, "the metric's timeoutSeconds")
	var hdrs headers
	flag.Var(&hdrs, "header", "a request header KEY=VALUE (repeatable)")
	flag.Parse()

	web := &v1alpha1.WebMetric{
		URL:            *url,
		Method:         v1alpha1.WebMetricMethod(*method),
		JSONPath:       *jsonPath,
		TimeoutSeconds: *timeout,
	}
	if *body != "" {
		web.JSONBody = json.RawMessage(*body)
	}
	for _, h := range hdrs {
		key, value, ok := strings.Cut(h, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "header %q: want KEY=VALUE\n", h)
			os.Exit(2)
		}
		web.Headers = append(web.Headers, v1alpha1.WebMetricHeader{Key: key, Value: value})
	}
	metric := v1alpha1.Metric{
		Name:             "gatekeeper",
		SuccessCondition: *success,
		FailureCondition: *failure,
		Provider:         v1alpha1.MetricProvider{Web: web},
	}

	client, err := webmetric.NewWebMetricHttpClient(metric)
	if err != nil {
		fmt.Fprintln(os.Stderr, "client:", err)
		os.Exit(2)
	}
	parser, err := webmetric.NewWebMetricJsonParser(metric)
	if err != nil {
		fmt.Fprintln(os.Stderr, "json path:", err)
		os.Exit(2)
	}
	logCtx := *log.WithField("metric", metric.Name)
	provider := webmetric.NewWebMetricProvider(logCtx, client, parser)
	run := &v1alpha1.AnalysisRun{ObjectMeta: v1.ObjectMeta{Name: "gatekeeper-harness", Namespace: "default"}}
	m := provider.Run(run, metric)
	out := output{Phase: string(m.Phase), Value: m.Value, Message: m.Message}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "encode:", err)
		os.Exit(2)
	}
}
