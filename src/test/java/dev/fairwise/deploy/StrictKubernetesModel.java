package dev.fairwise.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads core Kubernetes objects into the fabric8 model, strictly. The model classes keep fields they do not
 * know in {@code additionalProperties} (a {@code @JsonAnySetter}), so Jackson's own unknown-property check never
 * fires: after reading, every model object in the graph is visited and any additional property is an error
 * naming its path ({@code spec.template.spec.contianers}).
 */
final class StrictKubernetesModel {
    /** The kinds the manifests use, by "apiVersion kind". A kind not listed here is an error, not a pass. */
    static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "v1 Service", Service.class,
            "v1 ServiceAccount", ServiceAccount.class,
            "apps/v1 Deployment", Deployment.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StrictKubernetesModel() {}

    /** Whether the object is a core kind this class reads (the others are custom resources). */
    static boolean isCore(JsonNode object) {
        return !object.path("apiVersion").asText().contains(".")
                || object.path("apiVersion").asText().contains(".k8s.io/");
    }

    /** The object as its fabric8 model class; fails on an unknown kind or on any field the model lacks. */
    static HasMetadata read(JsonNode object) {
        String type =
                object.path("apiVersion").asText() + " " + object.path("kind").asText();
        Class<? extends HasMetadata> modelClass = TYPES.get(type);
        if (modelClass == null) {
            throw new IllegalArgumentException(
                    Kustomize.id(object) + ": no model class for '" + type + "' (known: " + TYPES.keySet() + ")");
        }
        HasMetadata model;
        try {
            model = MAPPER.treeToValue(object, modelClass);
        } catch (Exception e) {
            throw new IllegalArgumentException(Kustomize.id(object) + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        visit(model, "", unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(Kustomize.id(object) + ": unknown fields " + unknown);
        }
        return model;
    }

    private static void visit(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                visit(element, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> visit(element, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> unknown.add((path.isEmpty() ? "" : path.substring(1) + ".") + key));
                } else {
                    visit(fieldValue, path + "." + field.getName(), unknown, seen);
                }
            }
        }
    }
}
