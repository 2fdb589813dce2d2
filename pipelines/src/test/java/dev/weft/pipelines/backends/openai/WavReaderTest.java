package dev.weft.pipelines.backends.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.pipelines.testing.protocol.ProtocolTestServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WavReaderTest {
  @Test
  void readsSixteenBitPcm() {
    byte[] pcm = ProtocolTestServer.tone(0.1);
    PcmAudio a = WavReader.read(ProtocolTestServer.wav(pcm, 24000, 1));
    assertThat(a.sampleRate()).isEqualTo(24000);
    assertThat(a.channels()).isEqualTo(1);
    assertThat(a.pcm16le()).isEqualTo(pcm);
  }

  @Test
  void convertsFloatSamplesToSixteenBit() {
    ByteBuffer b = ByteBuffer.allocate(44 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(44).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16);
    b.putShort((short) 3)
        .putShort((short) 1)
        .putInt(16000)
        .putInt(64000)
        .putShort((short) 4)
        .putShort((short) 32);
    b.put("data".getBytes()).putInt(8).putFloat(0.5f).putFloat(-1.0f);
    PcmAudio a = WavReader.read(b.array());
    ByteBuffer s = ByteBuffer.wrap(a.pcm16le()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(s.getShort()).isEqualTo((short) 16384);
    assertThat(s.getShort()).isEqualTo((short) -32767);
  }

  @Test
  void aStreamedSizeOfZeroMeansDataToTheEnd() {
    byte[] wav = ProtocolTestServer.wav(new byte[] {1, 0, 2, 0}, 24000, 1);
    ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0);
    assertThat(WavReader.read(wav).frames()).isEqualTo(2);
  }

  @Test
  void bytesThatAreNotWavAreRefused() {
    assertThatThrownBy(() -> WavReader.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}))
        .hasMessageContaining("not a WAV");
  }
}
