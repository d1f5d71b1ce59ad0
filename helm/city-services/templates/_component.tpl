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
  ASPNETCORE_ENVIRONMENT: {{ $p.environment | quote }}
  ASPNETCORE_HTTP_PORTS: "8080"
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
  {{- end }}
  {{- with $p.otlpEndpoint }}
  OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
  {{- end }}
  OTEL_SERVICE_NAME: {{ .name | quote }}
  {{- range $key, $value := $c.config }}
  {{ $key | replace ":" "__" }}: {{ $value | toString | quote }}
  {{- end }}
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
        checksum/config: {{ toJson $c.config | sha256sum | trunc 16 }}
        prometheus.io/scrape: "true"
        prometheus.io/port: "8080"
        prometheus.io/path: /metrics
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
          envFrom:
            - configMapRef:
                name: {{ $fullName }}
          {{- if or (eq .role "service") $c.secretEnv }}
          env:
            {{- include "city.secretEnv" . | indent 12 }}
          {{- end }}
          securityContext:
            {{- include "city.containerSecurityContext" $root | nindent 12 }}
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          startupProbe:
            httpGet:
              path: /health/live
              port: http
            periodSeconds: 5
            failureThreshold: {{ $c.probes.startupFailureThreshold }}
          livenessProbe:
            httpGet:
              path: /health/live
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /health/ready
              port: http
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
