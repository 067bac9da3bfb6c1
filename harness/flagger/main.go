// Command flagger-harness is the client side of gatekeeper's Flagger tests, built
// from Flagger's own packages (v1.36.1):
//
//	flagger-harness -url URL -type HOOK ...  calls a webhook once with Flagger's own
//	    webhook client, as the Flagger scheduler does for a canary: pkg/controller's
//	    CallWebhook for every hook type, CallEventWebhook for "event". It prints the
//	    outcome as JSON: ok is true when Flagger reads the answer as a success (a
//	    status of 202 or less), else error holds what Flagger reports.
//	flagger-harness decode FILE...  strict decoding of FILE's Canary documents (decode.go)
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
	if len(os.Args) > 1 && os.Args[1] == "decode" {
		os.Exit(decodeFiles(os.Args[2:]))
	}
	url := flag.String("url", "", "the webhook URL")
	hookType := flag.String("type", "rollout", "the webhook type: "+strings.Join(hookTypes(), ", "))
	name := flag.String("name", "podinfo", "the canary name")
	namespace := flag.String("namespace", "test", "the canary namespace")
	phase := flag.String("phase", string(flaggerv1.CanaryPhaseProgressing), "the canary phase sent")
	timeout := flag.String("timeout", "10s", "the webhook timeout")
	revision := flag.String("revision", "", "the canary's last applied spec (its checksum is sent)")
	eventMessage := flag.String("event-message", "New revision detected", "event hook: the message")
	eventType := flag.String("event-type", "Normal", "event hook: the event type")
	var meta pairs
	flag.Var(&meta, "metadata", "a metadata entry KEY=VALUE (repeatable)")
	flag.Parse()

	canary := flaggerv1.Canary{ObjectMeta: metav1.ObjectMeta{Name: *name, Namespace: *namespace}}
	canary.Status.Phase = flaggerv1.CanaryPhase(*phase)
	canary.Status.LastAppliedSpec = *revision
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
	var err error
	if hook.Type == flaggerv1.EventHook {
		err = controller.CallEventWebhook(&canary, hook, *eventMessage, *eventType)
	} else {
		err = controller.CallWebhook(canary, canary.Status.Phase, hook)
	}
	if err != nil {
		out = output{OK: false, Error: err.Error()}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "encode:", err)
		os.Exit(2)
	}
}

// hookTypes: every webhook type Flagger's Canary CRD allows (but the empty one, "rollout").
func hookTypes() []string {
	return []string{
		string(flaggerv1.ConfirmRolloutHook), string(flaggerv1.PreRolloutHook),
		string(flaggerv1.RolloutHook), flaggerv1.ConfirmTrafficIncreaseHook,
		string(flaggerv1.ConfirmPromotionHook), string(flaggerv1.PostRolloutHook),
		string(flaggerv1.RollbackHook), string(flaggerv1.EventHook),
	}
}
