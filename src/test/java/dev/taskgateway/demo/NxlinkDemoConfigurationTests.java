package dev.taskgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

/** The demo's two NXLink sources reach the simulator with the keys application-demo.yml gives them. */
class NxlinkDemoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(NxlinkDemoConfiguration.class)
            .withPropertyValues("spring.profiles.active=demo", "taskgateway.demo.ports.nxlink=0",
                    "taskgateway.demo.tasks-per-provider=101");

    @ParameterizedTest
    @CsvSource({"nxlink-hk, 51", "nxlink-us, 50"})
    void eachDemoSourceSignsInWithItsYamlKeysAndSeesItsHalf(String source, int tasks) {
        Properties yaml = demoYaml();
        String accessKey = yaml.getProperty("taskgateway.sources." + source + ".access-key");
        String secret = yaml.getProperty("taskgateway.sources." + source + ".access-secret");
        assertThat(yaml.getProperty("taskgateway.sources." + source + ".type")).isEqualTo("nxlink");
        assertThat(yaml.getProperty("taskgateway.sources." + source + ".base-url"))
                .isEqualTo("http://127.0.0.1:${taskgateway.demo.ports.nxlink:18902}");

        runner.run(context -> {
            SimulatorServer server = context.getBean("nxlinkSimulator", SimulatorServer.class);
            JsonNode answer = list(server.baseUrl(), accessKey, secret);
            assertThat(answer.get("code").asInt()).isZero();
            assertThat(answer.get("total").asInt()).isEqualTo(tasks);
        });
    }

    @ParameterizedTest
    @CsvSource({"prod", "default"})
    void otherProfilesStartNoSimulator(String profile) {
        new ApplicationContextRunner().withUserConfiguration(NxlinkDemoConfiguration.class)
                .withPropertyValues("spring.profiles.active=" + profile)
                .run(context -> assertThat(context).doesNotHaveBean(SimulatorServer.class));
    }

    private static JsonNode list(String baseUrl, String accessKey, String secret) throws IOException {
        String body = "{\"pageNumber\":1,\"pageSize\":1000}";
        String ts = Long.toString(System.currentTimeMillis());
        Request request = new Request.Builder().url(baseUrl + NxlinkSimulator.TASK_LIST_PATH)
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
                .header("accessKey", accessKey).header("ts", ts).header("bizType", "100").header("action", "nxai")
                .header("sign", md5("accessKey=" + accessKey + "&action=nxai&bizType=100&ts=" + ts + "&body=" + body
                        + "&accessSecret=" + secret))
                .build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
            return SimulatorServer.JSON.readTree(response.body().bytes());
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties demoYaml() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-demo.yml"));
        return yaml.getObject();
    }
}
