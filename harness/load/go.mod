module gatekeeper/harness/load

go 1.26
