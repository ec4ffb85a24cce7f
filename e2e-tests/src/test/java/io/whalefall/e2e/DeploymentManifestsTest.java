package io.whalefall.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files as a deployer meets them, checked without a cluster: every YAML file parses, every
 * kustomization refers to files that exist and patches objects that exist, and the four services' ports,
 * identities, selectors, network policies, probes, scraping and alerts agree with each other and with the
 * services' own configuration. (`kubectl kustomize deploy/k8s/overlays/<name>` renders them where kubectl
 * is installed; it is not on every machine that runs these tests.)
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("whalefall.repository.root",
            Path.of("").toAbsolutePath().getParent().toString()));
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path BASE = DEPLOY.resolve("k8s/base");
    private static final Path MONITORING = DEPLOY.resolve("k8s/components/prometheus-operator");
    private static final ObjectMapper YAML = new YAMLMapper();

    /** The management interface's port of each service (the project's convention, 9080-9083). */
    private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of(
            "query-api", 9080, "stats-ingestion", 9081, "period-aggregation", 9082, "session-tracking", 9083);

    @Test
    void everyYamlFileParsesAndEveryObjectIsNamed() {
        List<Path> files = yamlFiles(DEPLOY);
        assertThat(files).hasSizeGreaterThan(30);
        for (Path file : files) {
            for (JsonNode document : documents(file)) {
                assertThat(document.path("kind").asText()).as("kind of a document in %s", file).isNotEmpty();
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    assertThat(document.path("metadata").path("name").asText()).as("name in %s", file).isNotEmpty();
                }
            }
        }
    }

    @Test
    void everyKustomizationRefersToFilesThatExistAndPatchesObjectsThatExist() {
        Set<String> baseObjects = new HashSet<>();
        objects(BASE).forEach(o -> baseObjects.add(key(o)));
        objects(MONITORING).forEach(o -> baseObjects.add(key(o)));
        List<Path> kustomizations = yamlFiles(DEPLOY).stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        assertThat(kustomizations).extracting(k -> ROOT.relativize(k.getParent()).toString())
                .contains("deploy/k8s/base", "deploy/k8s/overlays/dev", "deploy/k8s/overlays/prod",
                        "deploy/k8s/components/prometheus-operator");

        for (Path kustomization : kustomizations) {
            Path dir = kustomization.getParent();
            JsonNode k = documents(kustomization).get(0);
            for (String field : List.of("resources", "components")) {
                for (JsonNode entry : k.path(field)) {
                    Path target = dir.resolve(entry.asText()).normalize();
                    assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                            .as("%s of %s: %s exists", field, kustomization, entry.asText()).isTrue();
                }
            }
            for (JsonNode generator : iterable(k.path("configMapGenerator"), k.path("secretGenerator"))) {
                for (JsonNode file : generator.path("files")) {
                    assertThat(dir.resolve(file.asText())).as("generator file of %s", kustomization).isRegularFile();
                }
            }
            for (JsonNode patch : k.path("patches")) {
                if (patch.has("path")) {
                    Path file = dir.resolve(patch.path("path").asText());
                    assertThat(file).as("patch of %s", kustomization).isRegularFile();
                    for (JsonNode patched : documents(file)) {
                        assertThat(baseObjects).as("object patched by %s", file).contains(key(patched));
                    }
                } else {
                    JsonNode target = patch.path("target");
                    assertThat(baseObjects).as("target of an inline patch in %s", kustomization)
                            .contains(target.path("kind").asText() + "/" + target.path("name").asText());
                }
            }
            for (JsonNode replicas : k.path("replicas")) {
                assertThat(baseObjects).as("replicas of %s", kustomization)
                        .contains("Deployment/" + replicas.path("name").asText());
            }
        }
    }

    @Test
    void eachServiceListensWhereItsDeploymentServiceProbesAndScrapingLook() {
        List<JsonNode> base = objects(BASE);
        List<JsonNode> monitoring = objects(MONITORING);
        for (var service : MANAGEMENT_PORTS.entrySet()) {
            String name = service.getKey();
            Properties config = applicationProperties(name);
            int httpPort = Integer.parseInt(config.getProperty("quarkus.http.port"));
            int managementPort = Integer.parseInt(config.getProperty("quarkus.management.port",
                    service.getValue().toString()));

            JsonNode deployment = find(base, "Deployment", name);
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode container = pod.path("spec").path("containers").get(0);
            Map<String, Integer> containerPorts = new LinkedHashMap<>();
            container.path("ports").forEach(p -> containerPorts.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertThat(containerPorts).as("container ports of %s", name)
                    .containsEntry("http", httpPort).containsEntry("management", managementPort);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(container.path(probe).path("httpGet").path("port").asText())
                        .as("%s of %s", probe, name).isEqualTo("management");
            }

            assertThat(pod.path("spec").path("serviceAccountName").asText()).as("service account of %s", name).isEqualTo(name);
            assertThat(pod.path("spec").path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(find(base, "ServiceAccount", name).path("automountServiceAccountToken").asBoolean(true)).isFalse();

            Map<String, String> podLabels = labels(pod.path("metadata").path("labels"));
            assertThat(labels(deployment.path("spec").path("selector").path("matchLabels"))).isEqualTo(
                    Map.of("app.kubernetes.io/name", name));
            JsonNode kubeService = find(base, "Service", name);
            assertThat(podLabels).containsAllEntriesOf(labels(kubeService.path("spec").path("selector")));
            Map<String, String> serviceTargets = new LinkedHashMap<>();
            kubeService.path("spec").path("ports").forEach(p -> {
                serviceTargets.put(p.path("name").asText(), p.path("targetPort").asText());
                assertThat(p.path("port").asInt()).as("port %s of Service %s", p.path("name").asText(), name)
                        .isEqualTo(containerPorts.get(p.path("targetPort").asText()));
            });
            assertThat(serviceTargets).containsEntry("http", "http").containsEntry("management", "management");

            assertThat(podLabels).as("pods of %s under their disruption budget", name)
                    .containsAllEntriesOf(labels(find(base, "PodDisruptionBudget", name).path("spec").path("selector").path("matchLabels")));

            JsonNode serviceMonitor = find(monitoring, "ServiceMonitor", name);
            assertThat(podLabels).containsAllEntriesOf(labels(serviceMonitor.path("spec").path("selector").path("matchLabels")));
            assertThat(serviceMonitor.path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("management");
            assertThat(serviceMonitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
        }
    }

    @Test
    void networkPoliciesDenyByDefaultAndOpenOnlyPortsThePodsHave() {
        List<JsonNode> base = objects(BASE);
        Map<String, Map<String, String>> podLabels = new LinkedHashMap<>();
        Map<String, Set<String>> podPortNames = new LinkedHashMap<>();
        for (String name : MANAGEMENT_PORTS.keySet()) {
            JsonNode template = find(base, "Deployment", name).path("spec").path("template");
            Map<String, String> labels = new LinkedHashMap<>(labels(template.path("metadata").path("labels")));
            labels.put("app.kubernetes.io/part-of", "whalefall"); // added by the base kustomization's `labels`
            podLabels.put(name, labels);
            Set<String> ports = new HashSet<>();
            template.path("spec").path("containers").get(0).path("ports").forEach(p -> ports.add(p.path("name").asText()));
            podPortNames.put(name, ports);
        }
        JsonNode baseKustomization = documents(BASE.resolve("kustomization.yaml")).get(0);
        assertThat(baseKustomization.path("labels").get(0).path("pairs").path("app.kubernetes.io/part-of").asText())
                .isEqualTo("whalefall");
        assertThat(baseKustomization.path("labels").get(0).path("includeTemplates").asBoolean()).isTrue();

        JsonNode deny = find(base, "NetworkPolicy", "whalefall-default-deny");
        assertThat(deny.path("spec").path("policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.path("spec").has("ingress") || deny.path("spec").has("egress")).isFalse();
        podLabels.forEach((name, labels) -> assertThat(selects(deny.path("spec").path("podSelector"), labels))
                .as("default deny selects %s", name).isTrue());

        Map<String, Set<Integer>> egressPorts = new LinkedHashMap<>();
        for (JsonNode policy : base) {
            if (!policy.path("kind").asText().equals("NetworkPolicy")) {
                continue;
            }
            JsonNode spec = policy.path("spec");
            List<String> selected = podLabels.keySet().stream()
                    .filter(name -> selects(spec.path("podSelector"), podLabels.get(name))).toList();
            assertThat(selected).as("pods of %s", policy.path("metadata").path("name").asText()).isNotEmpty();
            for (JsonNode rule : spec.path("ingress")) {
                for (JsonNode port : rule.path("ports")) {
                    // a named port must exist on every pod it opens, else it opens nothing there
                    if (!port.path("port").isInt()) {
                        selected.forEach(name -> assertThat(podPortNames.get(name))
                                .as("%s opens port %s of %s", policy.path("metadata").path("name").asText(),
                                        port.path("port").asText(), name)
                                .contains(port.path("port").asText()));
                    }
                }
            }
            for (JsonNode rule : spec.path("egress")) {
                for (JsonNode port : rule.path("ports")) {
                    selected.forEach(name -> egressPorts.computeIfAbsent(name, n -> new HashSet<>()).add(port.path("port").asInt()));
                }
            }
        }
        // each service may reach DNS, PostgreSQL and RabbitMQ, and nothing else
        MANAGEMENT_PORTS.keySet().forEach(name -> assertThat(egressPorts.get(name)).as("egress of %s", name)
                .containsExactlyInAnyOrder(53, 5432, 5672));
    }

    @Test
    void everyWhaleFallMetricAnAlertUsesIsOneTheServicesRegister() throws IOException {
        Set<String> meters = new HashSet<>();
        Pattern literal = Pattern.compile("\"(whalefall(?:\\.[a-z]+)+)\"");
        try (Stream<Path> sources = Stream.concat(Files.walk(ROOT.resolve("shared-runtime/src/main/java")),
                Files.walk(ROOT.resolve("services")).filter(p -> p.toString().contains("/src/main/java/")))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(source));
                while (m.find()) {
                    meters.add(m.group(1).replace('.', '_'));
                }
            }
        }
        String rules = Files.readString(MONITORING.resolve("prometheusrule.yaml"));
        Set<String> used = new HashSet<>();
        for (JsonNode group : documents(MONITORING.resolve("prometheusrule.yaml")).get(0).path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                Matcher m = Pattern.compile("whalefall_[a-z_]+").matcher(rule.path("expr").asText());
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertThat(rules).contains("whalefall_messages_dead_lettered_total", "whalefall_outbox_oldest_age_seconds",
                "whalefall_sessions_stalled_total");
        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(meters)
                .as("a meter exported as %s", name)
                .anySatisfy(meter -> assertThat(name).matches(Pattern.quote(meter) + "(_total|_seconds|_messages)?")));
    }

    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (!labels.entrySet().containsAll(labels(selector.path("matchLabels")).entrySet())) {
            return false;
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> values.contains(value);
                case "NotIn" -> !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("operator " + expression.path("operator").asText());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                ROOT.resolve("services").resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Every object of the files a kustomization directory lists as resources (directories: recursively). */
    private static List<JsonNode> objects(Path kustomizationDir) {
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode entry : documents(kustomizationDir.resolve("kustomization.yaml")).get(0).path("resources")) {
            Path target = kustomizationDir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(target)) {
                objects.addAll(objects(target));
            } else {
                objects.addAll(documents(target));
            }
        }
        return objects;
    }

    private static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> key(o).equals(kind + "/" + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static String key(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static Iterable<JsonNode> iterable(JsonNode... arrays) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode array : arrays) {
            array.forEach(all::add);
        }
        return all;
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> documents(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    documents.add(d);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
