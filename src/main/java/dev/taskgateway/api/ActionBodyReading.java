package dev.taskgateway.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@link ActionBody} request bodies as JSON whatever their {@code Content-Type}: the actions
 * took any type (or none) before they were bound to records, and scripts rely on it. Forms and
 * multipart bodies never get here: the request limits answer them 415.
 */
@Configuration(proxyBeanMethods = false)
class ActionBodyReading implements WebMvcConfigurer {

    private final JsonMapper json;

    ActionBodyReading(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(new AnyTypeJsonConverter(json));
    }

    /** Spring's own JSON reader, offered every media type but only for action bodies; it writes nothing. */
    private static final class AnyTypeJsonConverter extends JacksonJsonHttpMessageConverter {

        AnyTypeJsonConverter(JsonMapper json) {
            super(json);
        }

        @Override
        public boolean canRead(ResolvableType type, MediaType mediaType) {
            return ActionBody.class.isAssignableFrom(type.toClass()) && super.canRead(type, null);
        }

        /** A create request keeps the text it was sent as: the idempotency fingerprint covers it. */
        @Override
        public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints)
                throws IOException {
            if (type.toClass() != CreateRequest.class) {
                return super.read(type, input, hints);
            }
            byte[] body = input.getBody().readAllBytes();
            HttpInputMessage buffered = new HttpInputMessage() {
                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(body);
                }

                @Override
                public HttpHeaders getHeaders() {
                    return input.getHeaders();
                }
            };
            Object parsed = super.read(type, buffered, hints);
            return parsed == null ? null : ((CreateRequest) parsed).sentAs(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
            return false;
        }

        @Override
        public List<MediaType> getSupportedMediaTypes(Class<?> type) {
            return ActionBody.class.isAssignableFrom(type) ? List.of(MediaType.ALL) : List.of();
        }
    }
}
