// Command load-harness posts JSON bodies to a URL (or, with -urls, request i to
// the i-th URL of a file, cycling) with N keep-alive clients in a closed loop until a total, and prints the rate, the statuses and the latency
// percentiles as JSON. It is the load driver of gatekeeper's HTTP benchmark: it
// costs the machine far less than a Python client, so the servers are measured.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

type report struct {
	Count       int            `json:"count"`
	Statuses    map[string]int `json:"statuses"`
	WallSeconds float64        `json:"wall_seconds"`
	Rate        float64        `json:"rate"`
	P50Ms       float64        `json:"p50_ms"`
	P99Ms       float64        `json:"p99_ms"`
}

func main() {
	url := flag.String("url", "", "the URL to POST to")
	bodiesPath := flag.String("bodies", "", "a JSON-lines file: one request body per line")
	total := flag.Int("total", 1000, "requests in all")
	clients := flag.Int("clients", 32, "concurrent keep-alive clients")
	header := flag.String("header", "", "one extra header KEY=VALUE")
	urlsPath := flag.String("urls", "", "a file of URLs, one a line: request i goes to line i (cycling), not -url")
	flag.Parse()

	bodies, err := readLines(*bodiesPath)
	if err != nil || len(bodies) == 0 {
		fmt.Fprintln(os.Stderr, "bodies:", err)
		os.Exit(2)
	}
	targets := [][]byte{[]byte(*url)}
	if *urlsPath != "" {
		targets, err = readLines(*urlsPath)
		if err != nil || len(targets) == 0 {
			fmt.Fprintln(os.Stderr, "urls:", err)
			os.Exit(2)
		}
	}
	transport := &http.Transport{MaxIdleConns: *clients, MaxIdleConnsPerHost: *clients}
	client := &http.Client{Transport: transport, Timeout: 60 * time.Second}
	var next int64 = -1
	latencies := make([]time.Duration, *total)
	statuses := make([]int, *total)
	var wg sync.WaitGroup
	started := time.Now()
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(atomic.AddInt64(&next, 1))
				if i >= *total {
					return
				}
				req, _ := http.NewRequest("POST", string(targets[i%len(targets)]), bytes.NewReader(bodies[i%len(bodies)]))
				req.Header.Set("Content-Type", "application/json")
				if *header != "" {
					for k := 0; k < len(*header); k++ {
						if (*header)[k] == '=' {
							req.Header.Set((*header)[:k], (*header)[k+1:])
							break
						}
					}
				}
				begin := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					statuses[i] = resp.StatusCode
				}
				latencies[i] = time.Since(begin)
			}
		}()
	}
	wg.Wait()
	wall := time.Since(started).Seconds()
	out := report{Count: *total, Statuses: map[string]int{}, WallSeconds: wall, Rate: float64(*total) / wall}
	for _, s := range statuses {
		out.Statuses[fmt.Sprint(s)]++
	}
	sort.Slice(latencies, func(a, b int) bool { return latencies[a] < latencies[b] })
	out.P50Ms = float64(latencies[len(latencies)*50/100]) / 1e6
	out.P99Ms = float64(latencies[len(latencies)*99/100]) / 1e6
	_ = json.NewEncoder(os.Stdout).Encode(out)
}

func readLines(path string) ([][]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var lines [][]byte
	scanner := bufio.NewScanner(file)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		if line := bytes.TrimSpace(scanner.Bytes()); len(line) > 0 {
			lines = append(lines, append([]byte(nil), line...))
		}
	}
	return lines, scanner.Err()
}
