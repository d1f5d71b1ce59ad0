{{/* Names, labels and the pieces every workload shares. */}}

{{- define "city.chartLabel" -}}
{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* <release>-<component>, at most 63 characters. Call with (dict "root" $ "name" "ledger"). */}}
{{- define "city.name" -}}
{{ printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "city.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "city.labels" -}}
{{ include "city.selectorLabels" . }}
app.kubernetes.io/part-of: city-services
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ include "city.chartLabel" .root }}
{{- end }}

{{/* Image reference: registry/repository:tag (tag defaults to the chart's appVersion). */}}
{{- define "city.image" -}}
{{- $registry := .root.Values.image.registry -}}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if $registry -}}
{{ printf "%s/%s:%s" $registry .image.repository $tag }}
{{- else -}}
{{ printf "%s:%s" .image.repository $tag }}
{{- end -}}
{{- end }}

{{/* The pod security context of every pod of the chart. */}}
{{- define "city.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
fsGroup: {{ .Values.podSecurity.runAsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The container security context of every container of the chart. */}}
{{- define "city.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "city.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/* The secret environment of a component: connection strings and extra secrets, all from
     existing Secrets. Call with (dict "root" $ "name" "ledger" "c" $component "role" "service"). */}}
{{- define "city.secretEnv" -}}
{{- if eq .role "service" }}
- name: ConnectionStrings__Postgres
  valueFrom:
    secretKeyRef:
      name: {{ .c.database.existingSecret }}
      key: {{ .c.database.key }}
{{- end }}
{{- /* The gateway too: it follows identity's revocations on the broker (docs/gateway.md). */}}
{{- if or (eq .role "service") (eq .role "gateway") }}
- name: ConnectionStrings__RabbitMq
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.rabbitmq.existingSecret }}
      key: {{ .root.Values.rabbitmq.key }}
{{- end }}
{{- range .c.secretEnv }}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .key }}
{{- end }}
{{- end }}
