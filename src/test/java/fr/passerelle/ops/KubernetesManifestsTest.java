package fr.passerelle.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks, without a cluster and without starting Quarkus, the properties of the manifests in k8s/
 * that production relies on. It reads the files kustomization.yaml lists, as kustomize would, and
 * the application settings they must agree with (shutdown timeout, connection pool, database role).
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final int HTTP_PORT = 8080;
    private static final int POSTGRES_PORT = 5432;

    /** The variables PasserelleMain refuses to start without in production. */
    private static final List<String> PROD_REQUIRED_ENV = List.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "PASSERELLE_WEBHOOK_SECRETS_KEYS",
            "PASSERELLE_WEBHOOK_SECRETS_CURRENT_KEY_ID");

    /** The application's credentials: the restricted managed role, from the keys of its basic-auth Secret. */
    private static final Map<String, String> DATASOURCE_CREDENTIALS = Map.of(
            "QUARKUS_DATASOURCE_USERNAME", "username",
            "QUARKUS_DATASOURCE_PASSWORD", "password");

    /** The migrations' credentials: the owner, from the secret CloudNativePG creates for it. */
    private static final Map<String, String> FLYWAY_CREDENTIALS = Map.of(
            "QUARKUS_FLYWAY_USERNAME", "username",
            "QUARKUS_FLYWAY_PASSWORD", "password");

    private static final String APP_ROLE_VARIABLE = "PASSERELLE_DATABASE_APP_ROLE";

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|api_?key|private_?key).*");
    private static final Pattern INLINE_PASSWORD = Pattern.compile("(?i).*password=.+");

    private static JsonNode kustomization;
    private static final Map<Path, List<JsonNode>> documentsByFile = new LinkedHashMap<>();
    private static final List<JsonNode> resources = new ArrayList<>();
    /** ConfigMaps by name before kustomize adds its hash: generated ones and listed ones. */
    private static final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
    private static Properties applicationProperties;

    @BeforeAll
    static void readManifests() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        kustomization = yaml.readTree(K8S.resolve("kustomization.yaml").toFile());
        for (JsonNode entry : kustomization.path("resources")) {
            Path file = K8S.resolve(entry.asText());
            assertTrue(Files.isRegularFile(file), "listed in kustomization.yaml but missing: " + file);
            try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                List<JsonNode> parsed = documents.readAll().stream()
                        .filter(document -> document != null && !document.isMissingNode() && !document.isNull())
                        .toList();
                documentsByFile.put(file, parsed);
                resources.addAll(parsed);
            }
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            Map<String, String> data = configMap(generator.path("name").asText());
            for (JsonNode envFile : generator.path("envs")) {
                data.putAll(readEnvFile(K8S.resolve(envFile.asText())));
            }
            for (JsonNode literal : generator.path("literals")) {
                String[] pair = literal.asText().split("=", 2);
                data.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        for (JsonNode configMap : ofKind("ConfigMap")) {
            configMap(configMap.at("/metadata/name").asText()).putAll(stringMap(configMap.path("data")));
        }
        applicationProperties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            applicationProperties.load(reader);
        }
    }

    @Test
    void everyListedResourceExistsAndParsesAsANamespaceAgnosticKubernetesObject() throws IOException {
        assertFalse(documentsByFile.isEmpty(), "kustomization.yaml lists no resources");
        documentsByFile.forEach((file, documents) -> {
            assertFalse(documents.isEmpty(), file + " holds no YAML document");
            for (JsonNode document : documents) {
                String where = file + " " + document.path("kind").asText("?");
                assertFalse(document.path("apiVersion").asText().isBlank(), where + ": no apiVersion");
                assertFalse(document.path("kind").asText().isBlank(), where + ": no kind");
                assertFalse(document.at("/metadata/name").asText().isBlank(), where + ": no metadata.name");
                assertTrue(document.at("/metadata/namespace").isMissingNode(),
                        where + ": hard-codes a namespace; set it in the kustomization or at apply time");
            }
        });
        Set<String> kinds = resources.stream().map(resource -> resource.path("kind").asText()).collect(Collectors.toSet());
        for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                "NetworkPolicy", "Cluster")) {
            assertTrue(kinds.contains(kind), "no " + kind + " among the resources");
        }
        assertFalse(configMaps.isEmpty(), "no ConfigMap, generated or listed");
        try (Stream<Path> files = Files.list(K8S)) {
            Set<Path> unlisted = files
                    .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .filter(file -> !file.getFileName().toString().startsWith("kustomization."))
                    .filter(file -> !documentsByFile.containsKey(file))
                    .collect(Collectors.toSet());
            assertTrue(unlisted.isEmpty(), "manifests that kustomize would never apply: " + unlisted);
        }
    }

    @Test
    void kustomizeCommonLabelsStayOutOfSelectors() {
        // A common label in selectors would also be required of the PostgreSQL pods by the network policy.
        assertTrue(kustomization.path("commonLabels").isMissingNode(), "commonLabels also rewrites selectors");
        for (JsonNode labels : kustomization.path("labels")) {
            assertFalse(labels.path("includeSelectors").asBoolean(false), "labels with includeSelectors: " + labels);
        }
    }

    @Test
    void deploymentRunsSeveralNonRootReplicasWithAReadOnlyRootFilesystem() {
        JsonNode deployment = single("Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = container();
        assertTrue(deployment.at("/spec/replicas").asInt(1) >= 2, "fewer than 2 replicas");

        assertTrue(effectiveSecurity(pod, container, "runAsNonRoot").asBoolean(false), "runAsNonRoot is not true");
        JsonNode runAsUser = effectiveSecurity(pod, container, "runAsUser");
        assertTrue(runAsUser.isInt() && runAsUser.asInt() > 0, "runAsUser is not a numeric, non-root UID: " + runAsUser);
        assertEquals("RuntimeDefault", effectiveSecurity(pod, container, "seccompProfile").path("type").asText(),
                "seccomp profile is not RuntimeDefault");

        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean(false), "root filesystem is writable");
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), "privilege escalation is allowed");
        assertTrue(texts(security.at("/capabilities/drop")).contains("ALL"), "capabilities are not all dropped");

        String tmpVolume = stream(container.path("volumeMounts"))
                .filter(mount -> mount.path("mountPath").asText().equals("/tmp"))
                .map(mount -> mount.path("name").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no volume mounted on /tmp"));
        JsonNode volume = stream(pod.path("volumes"))
                .filter(candidate -> candidate.path("name").asText().equals(tmpVolume))
                .findFirst().orElseThrow(() -> new AssertionError("no volume named " + tmpVolume));
        assertTrue(volume.has("emptyDir"), "/tmp is not an emptyDir");
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), "the pod mounts an API token it never uses");
    }

    @Test
    void deploymentProbesTheQuarkusHealthEndpointsOnPort8080() {
        JsonNode container = container();
        assertTrue(stream(container.path("ports")).anyMatch(port -> port.path("containerPort").asInt() == HTTP_PORT),
                "the container does not expose " + HTTP_PORT);
        assertProbe(container, "startupProbe", "/q/health/started");
        assertProbe(container, "livenessProbe", "/q/health/live");
        assertProbe(container, "readinessProbe", "/q/health/ready");
    }

    @Test
    void deploymentRequestsAndLimitsCpuAndMemory() {
        JsonNode resourcesOfContainer = container().path("resources");
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(resourcesOfContainer.path(bound).path(resource).asText().isBlank(), "no " + resource + " " + bound);
            }
        }
    }

    /**
     * The JVM of the image bounds its heap to a share of the container limit and caps its native
     * areas, so that heap, metaspace, code cache and direct buffers fit the limit with room left for
     * thread stacks and the JVM itself; memory requests equal limits; the benchmarks run the JVM
     * with the same flags and limit (pom.xml, bench.jvm).
     */
    @Test
    void jvmMemoryFitsTheContainerLimitAndTheBenchmarksUseTheSameSettings() throws IOException {
        JsonNode resourcesOfContainer = container().path("resources");
        long limit = bytes(resourcesOfContainer.at("/limits/memory").asText());
        assertEquals(limit, bytes(resourcesOfContainer.at("/requests/memory").asText()), "memory request differs from its limit");
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        int ratio = Integer.parseInt(dockerValue(dockerfile, "JAVA_MAX_MEM_RATIO"));
        String options = dockerValue(dockerfile, "JAVA_OPTS_APPEND");
        long heap = limit * ratio / 100;
        long metaspace = jvmSize(options, "-XX:MaxMetaspaceSize=");
        long codeCache = jvmSize(options, "-XX:ReservedCodeCacheSize=");
        long direct = jvmSize(options, "-XX:MaxDirectMemorySize=");
        // The worker pool and about 40 more threads (Vert.x, GC, JIT, scheduler) of at most the stack given, and the JVM's own structures.
        int workers = Integer.parseInt(applicationProperties.getProperty("%prod.quarkus.thread-pool.max-threads", "200"));
        long rest = (workers + 40) * jvmSize(options, "-Xss") + (64L << 20);
        assertTrue(heap + metaspace + codeCache + direct + rest <= limit, "heap " + (heap >> 20) + " MiB + metaspace "
                + (metaspace >> 20) + " + code cache " + (codeCache >> 20) + " + direct " + (direct >> 20) + " + threads and JVM "
                + (rest >> 20) + " exceed the limit of " + (limit >> 20) + " MiB");
        String pom = Files.readString(Path.of("pom.xml"));
        String bench = pom.substring(pom.indexOf("<bench.jvm>") + "<bench.jvm>".length(), pom.indexOf("</bench.jvm>"));
        assertTrue(bench.contains("-XX:MaxRAM=" + (limit >> 20) + "m"), "the benchmarks do not stand for the container limit: " + bench);
        assertTrue(bench.contains("-XX:MaxRAMPercentage=" + ratio), "the benchmarks use another heap ratio: " + bench);
        assertTrue(bench.contains(dockerValue(dockerfile, "GC_CONTAINER_OPTIONS")), "the benchmarks use another collector: " + bench);
        for (String option : options.split(" ")) {
            if (option.startsWith("-X")) {
                assertTrue(bench.contains(option), "the benchmarks lack " + option + ": " + bench);
            }
        }
    }

    private static String dockerValue(String dockerfile, String variable) {
        Matcher matcher = Pattern.compile("(?m)^ENV " + variable + "=\"?([^\"\n]*)\"?$").matcher(dockerfile);
        assertTrue(matcher.find(), "Dockerfile.jvm sets no " + variable);
        return matcher.group(1).trim();
    }

    private static long jvmSize(String options, String flag) {
        Matcher matcher = Pattern.compile(Pattern.quote(flag) + "(\\d+)([kmg])").matcher(options);
        assertTrue(matcher.find(), "Dockerfile.jvm does not set " + flag);
        return Long.parseLong(matcher.group(1)) << switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            default -> 30;
        };
    }

    /** A Kubernetes quantity in bytes (Mi, Gi). */
    private static long bytes(String quantity) {
        Matcher matcher = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertTrue(matcher.matches(), "memory quantity in Mi or Gi expected: " + quantity);
        return Long.parseLong(matcher.group(1)) << (matcher.group(2).equals("Mi") ? 20 : 30);
    }

    @Test
    void podsAreGivenMoreTimeToStopThanPreStopAndQuarkusShutdownTake() {
        JsonNode deployment = single("Deployment");
        long grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong(30);
        long shutdown = quarkusDuration(applicationProperties.getProperty("quarkus.shutdown.timeout", "0")).toSeconds();
        long preStop = preStopSleepSeconds(container());
        assertTrue(preStop > 0, "no preStop sleep: requests still routed to a stopping pod would fail");
        assertTrue(grace > 25 && grace > preStop + shutdown, "terminationGracePeriodSeconds " + grace
                + " does not exceed the preStop sleep (" + preStop + " s) plus quarkus.shutdown.timeout (" + shutdown + " s)");
    }

    @Test
    void theApplicationConnectsAsARestrictedManagedRoleWhoseSecretIsNotInTheRepository() {
        JsonNode cluster = single("Cluster");
        String role = settings().get(APP_ROLE_VARIABLE);
        assertEquals(defaultAppRole(), role, APP_ROLE_VARIABLE + " is not the role the migrations grant rights to by default");
        JsonNode managed = stream(cluster.at("/spec/managed/roles"))
                .filter(candidate -> candidate.path("name").asText().equals(role))
                .findFirst().orElseThrow(() -> new AssertionError("no managed role " + role + " in the Cluster"));
        assertNotEquals(cluster.at("/spec/bootstrap/initdb/owner").asText(), role, "the application must not connect as the owner");
        assertEquals("present", managed.path("ensure").asText("present"));
        assertTrue(managed.path("login").asBoolean(false), role + " cannot log in");
        for (String privilege : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
            assertFalse(managed.path(privilege).asBoolean(false), role + " has " + privilege);
        }
        assertTrue(managed.path("inRoles").isEmpty(), role + " inherits other roles: " + managed.path("inRoles"));

        String secret = managed.at("/passwordSecret/name").asText();
        assertFalse(secret.isBlank(), "the managed role names no password Secret");
        assertTrue(ofKind("Secret").stream().noneMatch(candidate -> candidate.at("/metadata/name").asText().equals(secret)),
                secret + " is committed: the operators create it in the cluster");
        assertCredentialsFrom(secret, DATASOURCE_CREDENTIALS);
    }

    @Test
    void migrationsRunAsTheOwnerFromTheCloudNativePgAppSecret() {
        assertCredentialsFrom(single("Cluster").at("/metadata/name").asText() + "-app", FLYWAY_CREDENTIALS);
    }

    @Test
    void theApplicationAndTheMigrationsUseTheSameCredentialFreeUrlOfThePrimary() {
        JsonNode cluster = single("Cluster");
        Map<String, String> settings = settings();
        String url = settings.get("QUARKUS_DATASOURCE_JDBC_URL");
        assertTrue(url != null, "QUARKUS_DATASOURCE_JDBC_URL is not a plain setting");
        assertEquals(url, settings.get("QUARKUS_FLYWAY_JDBC_URL"), "the migrations use another database than the application");
        String primary = "jdbc:postgresql://" + cluster.at("/metadata/name").asText() + "-rw:" + POSTGRES_PORT + "/"
                + cluster.at("/spec/bootstrap/initdb/database").asText();
        assertTrue(url.equals(primary) || url.startsWith(primary + "?"), url + " is not the read-write service, " + primary);
        // A user in the URL would win over the role the application connects as.
        assertFalse(url.toLowerCase().matches(".*[?&](user|password)=.*"), url + " carries credentials");
    }

    @Test
    void everyVariableTheProductionProfileRequiresIsProvided() {
        JsonNode container = container();
        Map<String, String> literals = new LinkedHashMap<>();
        for (String configMap : referencedConfigMaps(container)) {
            Map<String, String> data = configMaps.get(configMap);
            assertTrue(data != null, "the container reads a ConfigMap that kustomize does not provide: " + configMap);
            literals.putAll(data);
        }
        Set<String> provided = new HashSet<>(literals.keySet());
        envByName(container).forEach((name, entry) -> {
            provided.add(name);
            if (entry.has("value")) {
                literals.put(name, entry.path("value").asText());
            }
        });
        for (String variable : PROD_REQUIRED_ENV) {
            assertTrue(provided.contains(variable), variable + " is required in production but not provided");
            assertFalse(literals.containsKey(variable) && literals.get(variable).isBlank(), variable + " is blank");
        }
        // PasserelleMain refuses the development issuer and key in production.
        assertNotEquals(applicationProperties.getProperty("%dev.mp.jwt.verify.issuer"), literals.get("MP_JWT_VERIFY_ISSUER"),
                "the development token issuer is configured");
        assertFalse(literals.getOrDefault("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "").contains("src/dev/"),
                "the development token key is configured");
    }

    @Test
    void theEncryptionAndPseudonymisationKeysComeFromSecretsNotInTheRepository() {
        assertCredentialsFrom("passerelle-webhook-secret-keys", Map.of(
                "PASSERELLE_WEBHOOK_SECRETS_KEYS", "keys",
                "PASSERELLE_WEBHOOK_SECRETS_CURRENT_KEY_ID", "current-key-id"));
        assertCredentialsFrom("passerelle-observation-keys", Map.of("PASSERELLE_OBSERVATION_RECIPIENT_KEYS", "recipient-keys"));
        Map<String, String> settings = settings();
        for (String variable : List.of("PASSERELLE_WEBHOOK_SECRETS_KEYS", "PASSERELLE_OBSERVATION_RECIPIENT_KEYS")) {
            assertFalse(settings.containsKey(variable), variable + " is a plain setting, not a Secret reference");
        }
        for (String profile : List.of("", "%prod.")) {
            assertFalse(applicationProperties.containsKey(profile + "passerelle.webhook-secrets.keys"), "a webhook key outside dev and test");
            assertFalse(applicationProperties.containsKey(profile + "passerelle.observation.recipient-keys"),
                    "an observation key outside dev and test");
        }
    }

    @Test
    void noDatabaseCredentialIsAPlainSetting() {
        Map<String, String> settings = settings();
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_FLYWAY_USERNAME",
                "QUARKUS_FLYWAY_PASSWORD")) {
            assertFalse(settings.containsKey(variable), variable + " is a plain setting, not a Secret reference");
        }
    }

    @Test
    void noManifestContainsALiteralPassword() {
        assertTrue(ofKind("Secret").isEmpty(),
                "a Secret is committed: secrets are created in the cluster, never in the repository");
        for (JsonNode resource : resources) {
            assertNoLiteralSecret(resource, resource.path("kind").asText() + " " + resource.at("/metadata/name").asText());
            for (JsonNode container : containersOf(resource)) {
                envByName(container).forEach((name, entry) -> assertFalse(
                        SECRET_NAME.matcher(name).matches() && entry.has("value"), name + " is a literal value"));
            }
        }
        configMaps.forEach((name, data) -> data.forEach((key, value) -> {
            assertFalse(SECRET_NAME.matcher(key).matches(), "ConfigMap " + name + " holds the secret " + key);
            assertFalse(INLINE_PASSWORD.matcher(value).matches(), "ConfigMap " + name + " holds a password in " + key);
        }));
    }

    @Test
    void autoscalerScalesTheDeploymentAndNeverBelowTwoReplicas() {
        JsonNode autoscaler = single("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", autoscaler.path("apiVersion").asText());
        JsonNode target = autoscaler.at("/spec/scaleTargetRef");
        assertEquals("apps/v1", target.path("apiVersion").asText());
        assertEquals("Deployment", target.path("kind").asText());
        assertEquals(single("Deployment").at("/metadata/name").asText(), target.path("name").asText());
        int min = autoscaler.at("/spec/minReplicas").asInt(1);
        assertTrue(min >= 2, "the autoscaler may scale down to " + min + " replica(s)");
        assertTrue(autoscaler.at("/spec/maxReplicas").asInt() >= min, "maxReplicas below minReplicas");
        assertTrue(stream(autoscaler.at("/spec/metrics"))
                .anyMatch(metric -> metric.at("/resource/name").asText().equals("cpu")), "no CPU target");
    }

    @Test
    void disruptionBudgetSelectsTheDeploymentPodsAndLetsNodesDrain() {
        JsonNode budget = single("PodDisruptionBudget");
        assertSelectsTheApplicationPods(budget.at("/spec/selector/matchLabels"), "PodDisruptionBudget");
        JsonNode maxUnavailable = budget.at("/spec/maxUnavailable");
        JsonNode minAvailable = budget.at("/spec/minAvailable");
        assertTrue(!maxUnavailable.isMissingNode() || !minAvailable.isMissingNode(),
                "the budget sets neither maxUnavailable nor minAvailable");
        assertFalse(maxUnavailable.isInt() && maxUnavailable.asInt() == 0, "maxUnavailable 0 would block every node drain");
        if (minAvailable.isInt()) {
            int minReplicas = single("HorizontalPodAutoscaler").at("/spec/minReplicas").asInt();
            assertTrue(minAvailable.asInt() < minReplicas, "minAvailable would block every node drain");
        }
    }

    @Test
    void serviceRoutesPort80ToTheApplicationOn8080() {
        JsonNode service = single("Service");
        assertEquals("ClusterIP", service.at("/spec/type").asText("ClusterIP"));
        assertSelectsTheApplicationPods(service.at("/spec/selector"), "Service");
        JsonNode port = stream(service.at("/spec/ports"))
                .filter(candidate -> candidate.path("port").asInt() == 80)
                .findFirst().orElseThrow(() -> new AssertionError("the Service has no port 80"));
        assertEquals(HTTP_PORT, containerPort(port.path("targetPort")), "the Service does not target " + HTTP_PORT);
    }

    @Test
    void databaseIsACloudNativePgClusterOfSeveralInstancesOwnedByTheApplication() {
        JsonNode cluster = single("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        assertTrue(cluster.at("/spec/instances").asInt(1) >= 2, "a single PostgreSQL instance has no failover");
        assertEquals("passerelle", cluster.at("/spec/bootstrap/initdb/database").asText());
        assertEquals("passerelle", cluster.at("/spec/bootstrap/initdb/owner").asText());
        assertTrue(cluster.at("/spec/bootstrap/initdb/secret").isMissingNode(),
                "a custom owner secret replaces the <cluster>-app secret the Deployment reads");
        assertFalse(cluster.at("/spec/storage/size").asText().isBlank(), "no storage size");
    }

    @Test
    void databaseAcceptsEveryConnectionTheApplicationOpensAtFullScale() {
        JsonNode autoscaler = single("HorizontalPodAutoscaler");
        int maxReplicas = autoscaler.at("/spec/maxReplicas").asInt();
        JsonNode surge = single("Deployment").at("/spec/strategy/rollingUpdate/maxSurge");
        int surgePods = surge.isInt() ? surge.asInt()
                : (int) Math.ceil(maxReplicas * Integer.parseInt(surge.asText("25%").replace("%", "")) / 100.0);
        String poolSize = configMaps.values().stream()
                .map(data -> data.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"))
                .filter(value -> value != null)
                .findFirst()
                .orElse(applicationProperties.getProperty("quarkus.datasource.jdbc.max-size", "20"));
        int maxConnections = single("Cluster").at("/spec/postgresql/parameters/max_connections").asInt(100);
        // Superuser reserved slots, replication and the operator's own connections.
        int headroom = 10;
        int needed = (maxReplicas + surgePods) * Integer.parseInt(poolSize.trim()) + headroom;
        assertTrue(needed <= maxConnections, "max_connections " + maxConnections + " < " + needed + " needed by "
                + (maxReplicas + surgePods) + " pods with a pool of " + poolSize);
    }

    @Test
    void networkPolicyAdmitsHttpAndLetsTheApplicationReachPostgresAndDns() {
        JsonNode policy = single("NetworkPolicy");
        assertSelectsTheApplicationPods(policy.at("/spec/podSelector/matchLabels"), "NetworkPolicy");
        assertTrue(texts(policy.at("/spec/policyTypes")).containsAll(List.of("Ingress", "Egress")),
                "the policy does not restrict both directions");
        assertTrue(stream(policy.at("/spec/ingress"))
                .anyMatch(rule -> allowsPort(rule, port -> containerPort(port.path("port")) == HTTP_PORT)),
                "no ingress on " + HTTP_PORT);

        // CloudNativePG labels its pods with cnpg.io/cluster only: any other label would match nothing.
        Map<String, String> postgresPods = Map.of("cnpg.io/cluster", single("Cluster").at("/metadata/name").asText());
        assertTrue(stream(policy.at("/spec/egress"))
                .filter(rule -> stream(rule.path("to"))
                        .anyMatch(peer -> stringMap(peer.at("/podSelector/matchLabels")).equals(postgresPods)))
                .anyMatch(rule -> allowsPort(rule, port -> port.path("port").asInt() == POSTGRES_PORT)),
                "no egress to the PostgreSQL pods on " + POSTGRES_PORT);
        assertTrue(stream(policy.at("/spec/egress"))
                .anyMatch(rule -> allowsPort(rule, port -> port.path("port").asInt() == 53
                        && port.path("protocol").asText("TCP").equals("UDP"))),
                "no egress to DNS");
    }

    /** Each variable comes from the key of the Secret, never from a literal. */
    private static void assertCredentialsFrom(String secret, Map<String, String> keys) {
        Map<String, JsonNode> env = envByName(container());
        keys.forEach((variable, key) -> {
            JsonNode entry = env.get(variable);
            assertTrue(entry != null, variable + " is not set");
            assertFalse(entry.has("value"), variable + " is a literal value");
            JsonNode secretRef = entry.at("/valueFrom/secretKeyRef");
            assertEquals(secret, secretRef.path("name").asText(), variable + " does not come from " + secret);
            assertEquals(key, secretRef.path("key").asText(), variable + " is not the key " + key + " of " + secret);
        });
    }

    /** The container's plain settings: its ConfigMaps, then its literal env values, which win. */
    private static Map<String, String> settings() {
        JsonNode container = container();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String configMap : referencedConfigMaps(container)) {
            settings.putAll(configMaps.getOrDefault(configMap, Map.of()));
        }
        envByName(container).forEach((name, entry) -> {
            if (entry.has("value")) {
                settings.put(name, entry.path("value").asText());
            }
        });
        return settings;
    }

    /** The role the migrations grant rights to when none is configured (application.properties). */
    private static String defaultAppRole() {
        String placeholder = applicationProperties.getProperty("quarkus.flyway.placeholders.appRole");
        return placeholder.substring(placeholder.lastIndexOf(':') + 1, placeholder.length() - 1);
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertEquals(path, httpGet.path("path").asText(), probe + " path");
        assertEquals(HTTP_PORT, containerPort(httpGet.path("port")), probe + " port");
    }

    private static void assertSelectsTheApplicationPods(JsonNode selector, String what) {
        Map<String, String> selected = stringMap(selector);
        Map<String, String> podLabels = stringMap(single("Deployment").at("/spec/template/metadata/labels"));
        assertFalse(selected.isEmpty(), what + " selects every pod");
        assertTrue(podLabels.entrySet().containsAll(selected.entrySet()),
                what + " selector " + selected + " does not match the pod labels " + podLabels);
    }

    private static void assertNoLiteralSecret(JsonNode node, String where) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                assertFalse(field.getKey().toLowerCase().contains("password") && field.getValue().isValueNode(),
                        where + ": literal " + field.getKey());
                assertNoLiteralSecret(field.getValue(), where);
            });
        } else if (node.isArray()) {
            node.forEach(element -> assertNoLiteralSecret(element, where));
        } else if (node.isTextual()) {
            assertFalse(INLINE_PASSWORD.matcher(node.asText()).matches(), where + ": password inside " + node.asText());
        }
    }

    private static boolean allowsPort(JsonNode rule, Predicate<JsonNode> port) {
        return stream(rule.path("ports")).anyMatch(port);
    }

    private static JsonNode single(String kind) {
        List<JsonNode> found = ofKind(kind);
        assertEquals(1, found.size(), "expected exactly one " + kind);
        return found.get(0);
    }

    private static List<JsonNode> ofKind(String kind) {
        return resources.stream().filter(resource -> resource.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode container() {
        JsonNode deployment = single("Deployment");
        String name = deployment.at("/metadata/name").asText();
        return stream(deployment.at("/spec/template/spec/containers"))
                .filter(container -> container.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no container named " + name));
    }

    private static List<JsonNode> containersOf(JsonNode resource) {
        JsonNode pod = resource.at("/spec/template/spec");
        return Stream.concat(stream(pod.path("initContainers")), stream(pod.path("containers"))).toList();
    }

    /** A container setting wins over the pod's, as in Kubernetes. */
    private static JsonNode effectiveSecurity(JsonNode pod, JsonNode container, String field) {
        JsonNode own = container.at("/securityContext/" + field);
        return own.isMissingNode() ? pod.at("/securityContext/" + field) : own;
    }

    /** Resolves a port given by number or by the name of one of the application container's ports. */
    private static int containerPort(JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        return stream(container().path("ports"))
                .filter(candidate -> candidate.path("name").asText().equals(port.asText()))
                .map(candidate -> candidate.path("containerPort").asInt())
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port.asText()));
    }

    private static Map<String, JsonNode> envByName(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(entry -> env.put(entry.path("name").asText(), entry));
        return env;
    }

    private static List<String> referencedConfigMaps(JsonNode container) {
        return stream(container.path("envFrom"))
                .map(source -> source.at("/configMapRef/name"))
                .filter(name -> !name.isMissingNode())
                .map(JsonNode::asText)
                .toList();
    }

    private static long preStopSleepSeconds(JsonNode container) {
        JsonNode preStop = container.at("/lifecycle/preStop");
        if (preStop.has("sleep")) {
            return preStop.at("/sleep/seconds").asLong();
        }
        List<String> command = texts(preStop.at("/exec/command"));
        return command.size() == 2 && command.get(0).endsWith("sleep") ? Long.parseLong(command.get(1)) : 0;
    }

    /** Quarkus durations: a number of seconds, a number with a unit ("25s") or ISO-8601. */
    private static Duration quarkusDuration(String value) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        return Duration.parse(trimmed.toUpperCase().startsWith("P") ? trimmed : "PT" + trimmed);
    }

    private static Map<String, String> configMap(String name) {
        return configMaps.computeIfAbsent(name, any -> new LinkedHashMap<>());
    }

    private static Map<String, String> readEnvFile(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), "configMapGenerator file missing: " + file);
        Map<String, String> data = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] pair = trimmed.split("=", 2);
            data.put(pair[0].trim(), pair.length > 1 ? pair[1] : "");
        }
        return data;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }

    private static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
