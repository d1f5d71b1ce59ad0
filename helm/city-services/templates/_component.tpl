{{/* Everything one deployable gets: ServiceAccount, ConfigMap, Deployment, Service,
     PodDisruptionBudget and an optional HorizontalPodAutoscaler.
     Call with (dict "root" $ "name" "ledger" "c" $component "role" "service"|"gateway"). */}}
{{- define "city.component" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $fullName := include "city.name" . -}}
{{- $p := $root.Values.platform -}}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "city.labels" . | nindent 4 }}
  {{- with ($c.serviceAccount | default dict).annotations }}
  {{- /* Workload identity: e.g. eks.amazonaws.com/role-arn, iam.gke.io/gcp-service-account. */}}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
# The services never call the Kubernetes API.
automountServiceAccountToken: false
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "city.labels" . | nindent 4 }}
data:
  {{- include "city.configMapData" . | nindent 2 }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "city.labels" . | nindent 4 }}
    app.kubernetes.io/component: {{ .role }}
spec:
  {{- if not $c.autoscaling.enabled }}
  replicas: {{ $c.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "city.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  template:
    metadata:
      labels:
        {{- include "city.labels" . | nindent 8 }}
        app.kubernetes.io/component: {{ .role }}
        {{- if eq .role "service" }}
        city-services.io/platform-egress: "true"
        {{- end }}
      annotations:
        {{- /* The whole ConfigMap, platform settings included: a change of chain RPC or OTLP
             endpoint rolls the pods as a change of the component's own config does. */}}
        checksum/config: {{ include "city.configMapData" . | sha256sum | trunc 16 }}
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $p.metricsPort | toString | quote }}
        prometheus.io/path: /metrics
        {{- with $c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ $fullName }}
      automountServiceAccountToken: false
      {{- include "city.imagePullSecrets" $root | nindent 6 }}
      securityContext:
        {{- include "city.podSecurityContext" $root | nindent 8 }}
      terminationGracePeriodSeconds: 30
      {{- with $c.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "city.selectorLabels" . | nindent 14 }}
      containers:
        - name: {{ .name }}
          image: {{ include "city.image" (dict "root" $root "image" $c.image) | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: {{ $p.metricsPort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ $fullName }}
          {{- $behindIngress := and (eq .role "gateway") (include "city.gatewayAllowedHosts" $root) }}
          {{- if or (eq .role "service") (eq .role "gateway") $c.secretEnv }}
          env:
            {{- include "city.secretEnv" . | indent 12 }}
            {{- if $behindIngress }}
            {{- /* Prometheus scrapes the metrics port by pod IP (Host = the pod IP), which host
                 filtering would refuse: the pod's own address joins the ConfigMap's AllowedHosts. */}}
            - name: POD_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.podIP
            - name: AllowedHosts
              value: "$(AllowedHosts);$(POD_IP)"
            {{- end }}
          {{- end }}
          securityContext:
            {{- include "city.containerSecurityContext" $root | nindent 12 }}
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          {{- /* Host filtering (AllowedHosts) answers 400 to the kubelet's default Host, the pod IP. */}}
          {{- $probeHeaders := "" }}
          {{- if and (eq .role "gateway") (include "city.gatewayAllowedHosts" $root) }}
          {{- $probeHeaders = printf "httpHeaders: [{name: Host, value: %s}]" $fullName }}
          {{- end }}
          startupProbe:
            httpGet:
              path: /health/live
              port: http
              {{- with $probeHeaders }}
              {{ . }}
              {{- end }}
            periodSeconds: 5
            failureThreshold: {{ $c.probes.startupFailureThreshold }}
          livenessProbe:
            httpGet:
              path: /health/live
              port: http
              {{- with $probeHeaders }}
              {{ . }}
              {{- end }}
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /health/ready
              port: http
              {{- with $probeHeaders }}
              {{ . }}
              {{- end }}
            periodSeconds: 10
            timeoutSeconds: {{ $c.probes.readinessTimeoutSeconds }}
            failureThreshold: 3
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.podSecurity.tmpSizeLimit }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "city.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "city.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
    - name: metrics
      port: {{ $p.metricsPort }}
      targetPort: metrics
      protocol: TCP
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "city.labels" . | nindent 4 }}
spec:
  {{- if $c.podDisruptionBudget.minAvailable }}
  minAvailable: {{ $c.podDisruptionBudget.minAvailable }}
  {{- else }}
  maxUnavailable: {{ $c.podDisruptionBudget.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "city.selectorLabels" . | nindent 6 }}
{{- if $c.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "city.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $fullName }}
  minReplicas: {{ $c.autoscaling.minReplicas }}
  maxReplicas: {{ $c.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $c.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end }}

{{/* A component's own configuration as JSON (environment-variable names → strings): what the
     chart derives, overlaid by its values' config ("Section:Key" written "Section__Key"), so a
     value always wins. Derived: a service's empty Ledger:BaseUrl → the in-cluster ledger; for the
     gateway, each enabled service's cluster destination and, behind the Ingress, forwarded
     headers and AllowedHosts. */}}
{{- define "city.componentConfig" -}}
{{- $root := .root -}}
{{- $out := dict -}}
{{- if eq .role "gateway" -}}
{{- range $name, $svc := $root.Values.services -}}
{{- if $svc.enabled -}}
{{- $_ := set $out (printf "ReverseProxy__Clusters__%s__Destinations__%s-1__Address" $name $name) (printf "http://%s:8080/" (include "city.name" (dict "root" $root "name" $name))) -}}
{{- end -}}
{{- end -}}
{{- with include "city.gatewayAllowedHosts" $root -}}
{{- $_ := set $out "ASPNETCORE_FORWARDEDHEADERS_ENABLED" "true" -}}
{{- $_ := set $out "AllowedHosts" . -}}
{{- end -}}
{{- end -}}
{{- /* Identity's in-cluster address, for the revocation list every process reads at start and after a
     reconnect: the authority is the public URL, and the gateway does not route the list. */ -}}
{{- if and (or (eq .role "service") (eq .role "gateway")) $root.Values.services.identity.enabled -}}
{{- $_ := set $out "Revocation__Source" (printf "http://%s:8080/" (include "city.name" (dict "root" $root "name" "identity"))) -}}
{{- end -}}
{{- /* Who creates the schema: the migrations hook (--migrate) when it runs, else the service at start. */ -}}
{{- if eq .role "service" -}}
{{- $_ := set $out "Schema__ApplyOnStart" (ternary "false" "true" $root.Values.migrations.enabled) -}}
{{- end -}}
{{- range $key, $value := .c.config -}}
{{- $text := $value | toString -}}
{{- if and (eq $key "Ledger:BaseUrl") (eq $text "") -}}
{{- $text = printf "http://%s:8080/" (include "city.name" (dict "root" $root "name" "ledger")) -}}
{{- end -}}
{{- $_ := set $out ($key | replace ":" "__") $text -}}
{{- end -}}
{{- toJson $out -}}
{{- end }}

{{/* The gateway's AllowedHosts when it is behind the Ingress (else ""): the ingress hosts, then
     the gateway Service's in-cluster names (helm test, the probes' Host header, in-cluster callers). */}}
{{- define "city.gatewayAllowedHosts" -}}
{{- $g := .Values.gateway -}}
{{- if and $g.enabled $g.ingress.enabled -}}
{{- $svc := include "city.name" (dict "root" . "name" "gateway") -}}
{{- $hosts := concat $g.ingress.hosts (list $svc (printf "%s.%s" $svc .Release.Namespace) (printf "%s.%s.svc" $svc .Release.Namespace) (printf "%s.%s.svc.cluster.local" $svc .Release.Namespace)) -}}
{{- join ";" $hosts -}}
{{- end -}}
{{- end }}

{{/* The ConfigMap's data of one component (same arguments as city.component); the pods'
     checksum/config is its hash. */}}
{{- define "city.configMapData" -}}
{{- $root := .root -}}
{{- $p := $root.Values.platform -}}
ASPNETCORE_ENVIRONMENT: {{ $p.environment | quote }}
ASPNETCORE_HTTP_PORTS: "8080"
Metrics__Port: {{ $p.metricsPort | toString | quote }}
Service__Name: {{ .name | quote }}
Authentication__Authority: {{ $p.identity.authority | quote }}
Authentication__RequireHttpsMetadata: {{ $p.identity.requireHttpsMetadata | toString | quote }}
{{- with $p.identity.audience }}
Authentication__Audience: {{ . | quote }}
{{- end }}
{{- if eq .role "service" }}
Chain__RpcUrl: {{ $p.chain.rpcUrl | quote }}
Chain__ChainId: {{ $p.chain.chainId | toString | quote }}
Messaging__QuorumQueues: {{ $p.messaging.quorumQueues | toString | quote }}
Messaging__Retry__Limit: {{ $p.messaging.retry.limit | toString | quote }}
Messaging__Retry__MinInterval: {{ $p.messaging.retry.minInterval | quote }}
Messaging__Retry__MaxInterval: {{ $p.messaging.retry.maxInterval | quote }}
{{- range $i, $proxy := $p.forwardedHeaders.knownProxies }}
ForwardedHeaders__KnownProxies__{{ $i }}: {{ $proxy | quote }}
{{- end }}
{{- range $i, $network := $p.forwardedHeaders.knownNetworks }}
ForwardedHeaders__KnownNetworks__{{ $i }}: {{ $network | quote }}
{{- end }}
{{- end }}
{{- with $p.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
OTEL_SERVICE_NAME: {{ .name | quote }}
{{- range $key, $value := include "city.componentConfig" . | fromJson }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}
