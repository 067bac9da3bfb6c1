package main

// argo-harness decode FILE...: every YAML document of FILE decoded strictly with
// Argo Rollouts' API types (v1alpha1 AnalysisTemplate, Rollout): an unknown or
// misspelt field, a wrong type or another kind fails. An AnalysisTemplate's
// metrics are then checked by Argo's own ValidateMetrics, as the analysis
// controller checks a run's. One JSON line per document; exit 1 on the first error.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"

	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"

	"github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	analysisutil "github.com/argoproj/argo-rollouts/utils/analysis"
)

var separator = regexp.MustCompile(`(?m)^---[ \t]*$`)

type decodedLine struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
}

func decodeFiles(paths []string) int {
	if len(paths) == 0 {
		fmt.Fprintln(os.Stderr, "usage: argo-harness decode FILE...")
		return 2
	}
	out := json.NewEncoder(os.Stdout)
	for _, path := range paths {
		objects, err := decodeFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		for _, object := range objects {
			meta := object.(interface {
				GetName() string
			})
			kind := object.GetObjectKind().GroupVersionKind().Kind
			_ = out.Encode(decodedLine{Kind: kind, Name: meta.GetName()})
		}
	}
	return 0
}

// decodeFile decodes every document of a YAML file strictly, by its kind.
func decodeFile(path string) ([]runtime.Object, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var objects []runtime.Object
	for i, doc := range separator.Split(string(data), -1) {
		if len(bytes.TrimSpace([]byte(doc))) == 0 {
			continue
		}
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if err := yaml.Unmarshal([]byte(doc), &head); err != nil {
			return nil, fmt.Errorf("%s: document %d: %v", path, i+1, err)
		}
		if head.APIVersion != v1alpha1.SchemeGroupVersion.String() {
			return nil, fmt.Errorf("%s: document %d: apiVersion %q is not %s", path, i+1, head.APIVersion, v1alpha1.SchemeGroupVersion)
		}
		var object runtime.Object
		switch head.Kind {
		case "AnalysisTemplate":
			object = &v1alpha1.AnalysisTemplate{}
		case "Rollout":
			object = &v1alpha1.Rollout{}
		default:
			return nil, fmt.Errorf("%s: document %d: kind %q is not an AnalysisTemplate or a Rollout", path, i+1, head.Kind)
		}
		if err := yaml.UnmarshalStrict([]byte(doc), object); err != nil {
			return nil, fmt.Errorf("%s: document %d (%s): %v", path, i+1, head.Kind, err)
		}
		if template, ok := object.(*v1alpha1.AnalysisTemplate); ok {
			if err := analysisutil.ValidateMetrics(template.Spec.Metrics); err != nil {
				return nil, fmt.Errorf("%s: document %d (AnalysisTemplate): %v", path, i+1, err)
			}
		}
		objects = append(objects, object)
	}
	return objects, nil
}
