package fr.passerelle.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import fr.passerelle.platform.problem.NulCharacterException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * How every request body is read, whatever the endpoint (records, JSON trees, CloudEvents): a
 * property given twice is refused (400) rather than one of its values silently kept, and a string
 * holding the NUL character, which PostgreSQL refuses in any text, is refused (422) naming it by
 * JSON Pointer, before it reaches a service.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private static final char NUL = '\u0000';

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        SimpleModule module = new SimpleModule("passerelle-strict-json");
        module.addDeserializer(String.class, new NulFreeString());
        module.addDeserializer(JsonNode.class, new NulFreeTree());
        mapper.registerModule(module);
    }

    private static final class NulFreeString extends StdScalarDeserializer<String> {

        NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf(NUL) >= 0) {
                throw new NulCharacterException(parser, "");
            }
            return value;
        }
    }

    private static final class NulFreeTree extends StdDeserializer<JsonNode> {

        private final transient JsonDeserializer<? extends JsonNode> tree = JsonNodeDeserializer.getDeserializer(JsonNode.class);

        NulFreeTree() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = tree.deserialize(parser, context);
            String where = firstNul(node, "");
            if (where != null) {
                throw new NulCharacterException(parser, where);
            }
            return node;
        }

        /** As the default: JSON null is a NullNode, not a missing value. */
        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return NullNode.getInstance();
        }

        /** The JSON Pointer of the first string or property name holding NUL, or null. */
        private static String firstNul(JsonNode node, String pointer) {
            if (node.isTextual()) {
                return node.textValue().indexOf(NUL) >= 0 ? pointer : null;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String found = firstNul(node.get(i), pointer + "/" + i);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String below = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                    if (field.getKey().indexOf(NUL) >= 0) {
                        return below;
                    }
                    String found = firstNul(field.getValue(), below);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
    }
}
