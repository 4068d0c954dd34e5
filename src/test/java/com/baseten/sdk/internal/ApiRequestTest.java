package com.baseten.sdk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiRequestTest {
  @Test
  void pathParamRejectsNullNamingTheParameter() {
    assertThatThrownBy(() -> ApiRequest.pathParam("modelId", null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("modelId == null");
  }

  @Test
  void pathParamRejectsBlankValues() {
    assertThatThrownBy(() -> ApiRequest.pathParam("modelId", ""))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId must not be blank: \"\"");
    assertThatThrownBy(() -> ApiRequest.pathParam("modelId", "   "))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId must not be blank: \"   \"");
    assertThatThrownBy(() -> ApiRequest.pathParam("modelId", "\t\n"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId must not be blank: \"\\u0009\\u000a\"");
  }

  @Test
  void pathParamRejectsDotSegments() {
    assertThatThrownBy(() -> ApiRequest.pathParam("modelId", "."))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId must not be \".\" or \"..\": \".\"");
    assertThatThrownBy(() -> ApiRequest.pathParam("deploymentId", ".."))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("deploymentId must not be \".\" or \"..\": \"..\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc123", "a/b", "%2F", "...", ".a", "a.", "modèle-é", "模型", "a b"})
  void pathParamAcceptsOtherValuesUnchanged(String value) {
    assertThat(ApiRequest.pathParam("modelId", value)).isEqualTo(value);
  }

  @Test
  void patchKeepsMethodSegmentsAndBody() {
    byte[] body = "{}".getBytes(UTF_8);

    ApiRequest request = ApiRequest.patch(List.of("models", "abc"), body);

    assertThat(request.method()).isEqualTo("PATCH");
    assertThat(request.pathSegments()).containsExactly("models", "abc");
    assertThat(request.body()).isEqualTo(body);
  }

  @Test
  void patchCopiesTheSegmentsAndHidesTheCopy() {
    List<String> segments = new ArrayList<>(List.of("models", "abc"));

    ApiRequest request = ApiRequest.patch(segments, new byte[0]);
    segments.add("later");

    assertThat(request.pathSegments()).containsExactly("models", "abc");
    assertThatThrownBy(() -> request.pathSegments().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void patchRequiresABody() {
    assertThatThrownBy(() -> ApiRequest.patch(List.of("models"), null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("body == null");
  }
}
