package main

// flagger-harness decode FILE...: every YAML document of FILE decoded strictly with
// Flagger's API types (flagger.app/v1beta1 Canary): an unknown or misspelt field,
// a wrong type or another kind fails, and so does a webhook type outside the
// Canary CRD's enum. One JSON line per document; exit 1 on the first error.

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"sigs.k8s.io/yaml"

	flaggerv1 "github.com/fluxcd/flagger/pkg/apis/flagger/v1beta1"
)

var separator = regexp.MustCompile(`(?m)^---[ \t]*$`)

type decodedLine struct {
	Kind  string   `json:"kind"`
	Name  string   `json:"name"`
	Hooks []string `json:"hooks"`
}

func decodeFiles(paths []string) int {
	if len(paths) == 0 {
		fmt.Fprintln(os.Stderr, "usage: flagger-harness decode FILE...")
		return 2
	}
	out := json.NewEncoder(os.Stdout)
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		for i, doc := range separator.Split(string(data), -1) {
			if strings.TrimSpace(doc) == "" {
				continue
			}
			line, err := decodeCanary([]byte(doc))
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: document %d: %v\n", path, i+1, err)
				return 1
			}
			_ = out.Encode(line)
		}
	}
	return 0
}

func decodeCanary(doc []byte) (decodedLine, error) {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := yaml.Unmarshal(doc, &head); err != nil {
		return decodedLine{}, err
	}
	if head.APIVersion != flaggerv1.SchemeGroupVersion.String() || head.Kind != "Canary" {
		return decodedLine{}, fmt.Errorf("%s %s is not a %s Canary", head.APIVersion, head.Kind, flaggerv1.SchemeGroupVersion)
	}
	var canary flaggerv1.Canary
	if err := yaml.UnmarshalStrict(doc, &canary); err != nil {
		return decodedLine{}, err
	}
	line := decodedLine{Kind: "Canary", Name: canary.Name, Hooks: []string{}}
	if canary.Spec.Analysis == nil {
		return line, nil
	}
	for _, hook := range canary.Spec.Analysis.Webhooks {
		if hook.Type != "" && !slices.Contains(hookTypes(), string(hook.Type)) {
			return decodedLine{}, fmt.Errorf("webhook %s: type %q is not one of %s", hook.Name, hook.Type, strings.Join(hookTypes(), ", "))
		}
		line.Hooks = append(line.Hooks, string(hook.Type))
	}
	return line, nil
}
