// Command flagger-webhook calls a webhook once with Flagger's own webhook
// client (pkg/controller.CallWebhook), as the Flagger scheduler does for a
// canary, and prints the outcome as JSON: ok is true when Flagger reads the
// answer as a success (a 2xx status), else error holds what Flagger reports.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	flaggerv1 "github.com/fluxcd/flagger/pkg/apis/flagger/v1beta1"
	"github.com/fluxcd/flagger/pkg/controller"
)

type pairs []string

func (p *pairs) String() string     { return strings.Join(*p, ",") }
func (p *pairs) Set(v string) error { *p = append(*p, v); return nil }

type output struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}

func main() {
	url := flag.String("url", "", "the webhook URL")
	hookType := flag.String("type", "rollout", "the webhook type (confirm-rollout, rollout, confirm-promotion, rollback)")
	name := flag.String("name", "podinfo", "the canary name")
	namespace := flag.String("namespace", "test", "the canary namespace")
	phase := flag.String("phase", string(flaggerv1.CanaryPhaseProgressing), "the canary phase sent")
	timeout := flag.String("timeout", "10s", "the webhook timeout")
	var meta pairs
	flag.Var(&meta, "metadata", "a metadata entry KEY=VALUE (repeatable)")
	flag.Parse()

	canary := flaggerv1.Canary{ObjectMeta: metav1.ObjectMeta{Name: *name, Namespace: *namespace}}
	canary.Status.Phase = flaggerv1.CanaryPhase(*phase)
	hook := flaggerv1.CanaryWebhook{
		Type:    flaggerv1.HookType(*hookType),
		Name:    "gatekeeper",
		URL:     *url,
		Timeout: *timeout,
	}
	if len(meta) > 0 {
		m := map[string]string{}
		for _, kv := range meta {
			key, value, ok := strings.Cut(kv, "=")
			if !ok {
				fmt.Fprintf(os.Stderr, "metadata %q: want KEY=VALUE\n", kv)
				os.Exit(2)
			}
			m[key] = value
		}
		hook.Metadata = &m
	}
	out := output{OK: true}
	if err := controller.CallWebhook(canary, canary.Status.Phase, hook); err != nil {
		out = output{OK: false, Error: err.Error()}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "encode:", err)
		os.Exit(2)
	}
}
