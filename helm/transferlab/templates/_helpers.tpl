{{/*
Names, labels, image references and the parts every service's workload shares.
Each service's own file (coordinator.yaml, trainer.yaml, analytics.yaml) says what is special about it.
*/}}

{{- define "transferlab.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name prefix: <release>-transferlab, or the release name when it already contains the chart name. */}}
{{- define "transferlab.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "transferlab.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of one component's resources. Usage: include "transferlab.componentName" (dict "root" $ "component" "trainer") */}}
{{- define "transferlab.componentName" -}}
{{- printf "%s-%s" (include "transferlab.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{/* Selector labels of one component (stable across upgrades). */}}
{{- define "transferlab.selectorLabels" -}}
app.kubernetes.io/name: {{ include "transferlab.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one component's resources. */}}
{{- define "transferlab.labels" -}}
helm.sh/chart: {{ include "transferlab.chart" .root }}
{{ include "transferlab.selectorLabels" . }}
app.kubernetes.io/part-of: transferlab
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* Image reference. Usage: include "transferlab.image" (dict "root" $ "repository" "x" "tag" "y") ; an empty tag means appVersion. */}}
{{- define "transferlab.image" -}}
{{- $tag := default .root.Chart.AppVersion .tag -}}
{{- if .root.Values.imageRegistry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.imageRegistry) .repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .repository $tag -}}
{{- end -}}
{{- end }}

{{- define "transferlab.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "transferlab.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Secret with the S3 credentials: the existing one, or the one this chart creates from s3.accessKey/secretKey. Empty: none. */}}
{{- define "transferlab.s3SecretName" -}}
{{- if .Values.s3.existingSecret }}
{{- .Values.s3.existingSecret }}
{{- else if or .Values.s3.accessKey .Values.s3.secretKey }}
{{- printf "%s-s3" (include "transferlab.fullname" .) }}
{{- end }}
{{- end }}

{{/* Secret with the Kafka SASL user name and password. */}}
{{- define "transferlab.kafkaSecretName" -}}
{{- if .Values.kafka.sasl.existingSecret }}
{{- .Values.kafka.sasl.existingSecret }}
{{- else }}
{{- printf "%s-kafka" (include "transferlab.fullname" .) }}
{{- end }}
{{- end }}

{{/* Kafka security.protocol from the SASL and TLS switches. */}}
{{- define "transferlab.kafkaSecurityProtocol" -}}
{{- if and .Values.kafka.sasl.enabled .Values.kafka.tls.enabled }}SASL_SSL
{{- else if .Values.kafka.sasl.enabled }}SASL_PLAINTEXT
{{- else if .Values.kafka.tls.enabled }}SSL
{{- else }}PLAINTEXT
{{- end }}
{{- end }}

{{/* JAAS login module of the SASL mechanism. */}}
{{- define "transferlab.kafkaLoginModule" -}}
{{- if eq .Values.kafka.sasl.mechanism "PLAIN" }}org.apache.kafka.common.security.plain.PlainLoginModule
{{- else }}org.apache.kafka.common.security.scram.ScramLoginModule
{{- end }}
{{- end }}

{{- define "transferlab.kafkaCaPath" -}}
/etc/transferlab/kafka-ca/{{ .Values.kafka.tls.caKey }}
{{- end }}

{{/*
Kafka client environment. KAFKA_* variables reach every Kafka client of a service through Quarkus'
default Kafka configuration (kafka.* properties, '_' read as '.'). The SASL user and password come from
a Secret into SASL_USERNAME/SASL_PASSWORD, which Kubernetes expands into the JAAS line.
*/}}
{{- define "transferlab.kafkaEnv" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
{{- if or .Values.kafka.sasl.enabled .Values.kafka.tls.enabled }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ include "transferlab.kafkaSecurityProtocol" . | quote }}
{{- end }}
{{- if .Values.kafka.sasl.enabled }}
- name: SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "transferlab.kafkaSecretName" . }}
      key: username
- name: SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "transferlab.kafkaSecretName" . }}
      key: password
- name: KAFKA_SASL_MECHANISM
  value: {{ .Values.kafka.sasl.mechanism | quote }}
- name: KAFKA_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"$(SASL_USERNAME)\" password=\"$(SASL_PASSWORD)\";" (include "transferlab.kafkaLoginModule" .) | quote }}
{{- end }}
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ include "transferlab.kafkaCaPath" . | quote }}
{{- end }}
{{- end }}

{{/* S3 environment (transferlab.s3.*). */}}
{{- define "transferlab.s3Env" -}}
- name: TRANSFERLAB_S3_ENDPOINT
  value: {{ .Values.s3.endpoint | quote }}
- name: TRANSFERLAB_S3_BUCKET
  value: {{ .Values.s3.bucket | quote }}
- name: TRANSFERLAB_S3_REGION
  value: {{ .Values.s3.region | quote }}
- name: TRANSFERLAB_S3_RETRY_FOR
  value: {{ .Values.s3.retryFor | quote }}
{{- $secret := include "transferlab.s3SecretName" . }}
{{- if $secret }}
- name: TRANSFERLAB_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.s3.accessKeyKey }}
- name: TRANSFERLAB_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.s3.secretKeyKey }}
{{- end }}
{{- end }}

{{/*
The Deployment of one service. Parameters:
  root, component, values (the service's values block), image (reference), env (list),
  resources (map), volumes / volumeMounts (lists, besides /tmp and the user's extras),
  nodeSelector, tolerations (merged scheduling), runtimeClassName, omitReplicas (KEDA owns them).
*/}}
{{- define "transferlab.deployment" -}}
{{- $root := .root -}}
{{- $v := .values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "transferlab.componentName" . }}
  labels:
    {{- include "transferlab.labels" . | nindent 4 }}
spec:
  {{- if not .omitReplicas }}
  replicas: {{ $v.replicas }}
  {{- end }}
  {{- with .strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  revisionHistoryLimit: 3
  selector:
    matchLabels:
      {{- include "transferlab.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "transferlab.labels" . | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $v.port | quote }}
        prometheus.io/path: /q/metrics
        # A changed secret the chart renders (S3 keys, SASL credentials) rolls the pods that read it.
        checksum/secrets: {{ include (print $root.Template.BasePath "/secrets.yaml") $root | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "transferlab.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .runtimeClassName }}
      runtimeClassName: {{ . }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ default 60 $v.terminationGracePeriodSeconds }}
      containers:
        - name: {{ .component }}
          image: {{ .image | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $v.port }}
              protocol: TCP
          env:
            - name: QUARKUS_HTTP_PORT
              value: {{ $v.port | quote }}
            - name: JAVA_OPTS
              value: {{ $v.javaOpts | quote }}
            {{- include "transferlab.kafkaEnv" $root | nindent 12 }}
            {{- with .env }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- with $v.env }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 5
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml .resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if and $root.Values.kafka.tls.enabled $root.Values.kafka.tls.caSecret }}
            - name: kafka-ca
              mountPath: /etc/transferlab/kafka-ca
              readOnly: true
            {{- end }}
            {{- with .volumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- with $v.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {}
        {{- if and $root.Values.kafka.tls.enabled $root.Values.kafka.tls.caSecret }}
        - name: kafka-ca
          secret:
            secretName: {{ $root.Values.kafka.tls.caSecret }}
        {{- end }}
        {{- with .volumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $v.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with .nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}

{{/* The ClusterIP Service of one service (HTTP: health, metrics, REST). */}}
{{- define "transferlab.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "transferlab.componentName" . }}
  labels:
    {{- include "transferlab.labels" . | nindent 4 }}
spec:
  type: {{ .values.service.type }}
  selector:
    {{- include "transferlab.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .values.port }}
      targetPort: http
      protocol: TCP
{{- end }}

{{/* The PodDisruptionBudget of one service. */}}
{{- define "transferlab.pdb" -}}
{{- if .values.pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "transferlab.componentName" . }}
  labels:
    {{- include "transferlab.labels" . | nindent 4 }}
spec:
  {{- if hasKey .values.pdb "minAvailable" }}
  minAvailable: {{ .values.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "transferlab.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}
