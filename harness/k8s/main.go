// Command k8s-decode reads Kubernetes manifests (a multi-document YAML stream,
// as `helm template` prints it) on standard input and decodes each document
// strictly into Kubernetes' own API types: apps/v1, core/v1, networking/v1,
// policy/v1, and the Prometheus operator's monitoring/v1 for a ServiceMonitor.
// An unknown field, a duplicate field, a wrong type or a kind outside that set
// fails the run (exit 1); each decoded object is printed as one JSON line
// {"kind", "name"} so a caller can see what was checked.
package main

import (
	"bufio"
	"bytes"
	gojson "encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

func scheme() (*runtime.Scheme, error) {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		appsv1.AddToScheme,
		corev1.AddToScheme,
		networkingv1.AddToScheme,
		policyv1.AddToScheme,
		monitoringv1.AddToScheme,
	} {
		if err := add(s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

type decoded struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
}

func run(in io.Reader, out io.Writer) error {
	s, err := scheme()
	if err != nil {
		return fmt.Errorf("scheme: %w", err)
	}
	strict := json.NewSerializerWithOptions(json.DefaultMetaFactory, s, s,
		json.SerializerOptions{Yaml: true, Strict: true})
	reader := utilyaml.NewYAMLReader(bufio.NewReader(in))
	count := 0
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		count++
		obj, gvk, err := strict.Decode(doc, nil, nil)
		if err != nil {
			return fmt.Errorf("document %d: %w", count, err)
		}
		accessor, err := meta.Accessor(obj)
		if err != nil {
			return fmt.Errorf("document %d (%s): %w", count, gvk.Kind, err)
		}
		if accessor.GetName() == "" {
			return fmt.Errorf("document %d (%s): metadata.name is empty", count, gvk.Kind)
		}
		line, _ := gojson.Marshal(decoded{Kind: gvk.Kind, Name: accessor.GetName()})
		fmt.Fprintln(out, string(line))
	}
	if count == 0 {
		return errors.New("no documents on standard input")
	}
	return nil
}

// stripComments drops YAML comment lines (helm's "# Source: ..." headers).
func stripComments(doc []byte) []byte {
	var kept [][]byte
	for _, line := range bytes.Split(doc, []byte("\n")) {
		if bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			continue
		}
		kept = append(kept, line)
	}
	return bytes.Join(kept, []byte("\n"))
}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "k8s-decode:", err)
		os.Exit(1)
	}
}
