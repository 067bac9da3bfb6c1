{{/* The release's resource name. */}}
{{- define "gatekeeper.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the release's pods. */}}
{{- define "gatekeeper.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels on every resource. */}}
{{- define "gatekeeper.labels" -}}
{{ include "gatekeeper.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The image reference: by digest when one is given. */}}
{{- define "gatekeeper.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Values that cannot work together stop the rendering. */}}
{{- define "gatekeeper.validate" -}}
{{- if not .Values.tokens.existingSecret -}}
{{- fail "tokens.existingSecret: a Secret with the bearer tokens is required (the server listens beyond loopback)" -}}
{{- end -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.postgres.enabled) -}}
{{- fail "replicaCount > 1 needs postgres.enabled: the SQLite state store belongs to one pod" -}}
{{- end -}}
{{- if and (gt (int .Values.replicaCount) 1) (not (has "ReadWriteMany" .Values.persistence.accessModes)) -}}
{{- fail "replicaCount > 1 needs persistence.accessModes with ReadWriteMany (each pod writes its own decision log on the shared volume)" -}}
{{- end -}}
{{- if and .Values.postgres.enabled (not .Values.postgres.existingSecret) -}}
{{- fail "postgres.existingSecret: the Secret holding the PostgreSQL URL is required when postgres.enabled" -}}
{{- end -}}
{{- end -}}
