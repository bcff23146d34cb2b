package packer.cli.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** The demo's sounds: synthesized PCM in a plain RIFF/WAVE container. */
final class DemoSounds {

  private DemoSounds() {}

  /** 0.2 s, 16-bit mono 22050 Hz: a sine sweeping up from 300 to 900 Hz, fading out. */
  static byte[] jump() {
    int rate = 22050;
    int count = rate / 5;
    short[] samples = new short[count];
    double phase = 0;
    for (int i = 0; i < count; i++) {
      double t = i / (double) count;
      double frequency = 300 + 600 * t * t;
      phase += 2 * StrictMath.PI * frequency / rate;
      double envelope = Math.min(1, i / (rate * 0.005)) * (1 - t);
      samples[i] = (short) Math.round(0.5 * Short.MAX_VALUE * envelope * StrictMath.sin(phase));
    }
    return wav16(rate, samples);
  }

  /** 0.12 s, 16-bit mono 22050 Hz: seeded noise, low-passed and decaying fast. */
  static byte[] hit() {
    int rate = 22050;
    int count = rate * 12 / 100;
    short[] samples = new short[count];
    Random random = new Random(0x686974L); // "hit"
    double filtered = 0;
    for (int i = 0; i < count; i++) {
      double noise = random.nextDouble() * 2 - 1;
      filtered += 0.35 * (noise - filtered);
      double envelope = StrictMath.exp(-30.0 * i / rate);
      samples[i] = (short) Math.round(0.9 * Short.MAX_VALUE * envelope * filtered);
    }
    return wav16(rate, samples);
  }

  /**
   * 1.6 s, 8-bit unsigned mono 11025 Hz: an A-minor arpeggio of eight notes as a 25% pulse
   * wave over a bass an octave below, each note decaying. A different sample format than the
   * effects, on purpose.
   */
  static byte[] bossTheme() {
    int rate = 11025;
    int[] notes = {57, 60, 64, 69, 67, 64, 60, 64}; // MIDI: A3 C4 E4 A4 G4 E4 C4 E4
    int perNote = rate / 5;
    byte[] samples = new byte[notes.length * perNote];
    double lead = 0;
    double bass = 0;
    for (int n = 0; n < notes.length; n++) {
      double frequency = 440 * StrictMath.pow(2, (notes[n] - 69) / 12.0);
      for (int i = 0; i < perNote; i++) {
        lead = (lead + frequency / rate) % 1;
        bass = (bass + 55.0 / rate) % 1;
        double envelope = StrictMath.exp(-4.0 * i / perNote);
        double value = 0.45 * envelope * (lead < 0.25 ? 1 : -1) + 0.25 * (bass < 0.5 ? 1 : -1);
        samples[n * perNote + i] = (byte) (128 + Math.round(127 * value));
      }
    }
    return wav(rate, 8, samples);
  }

  private static byte[] wav16(int rate, short[] samples) {
    ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short sample : samples) {
      data.putShort(sample);
    }
    return wav(rate, 16, data.array());
  }

  /** A canonical 44-byte WAVE header (PCM, mono) and the data. */
  private static byte[] wav(int rate, int bits, byte[] data) {
    if (data.length % 2 != 0) {
      throw new IllegalArgumentException("odd data length would need a pad byte");
    }
    int blockAlign = bits / 8;
    ByteBuffer out = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length);
    out.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    out.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    out.putShort((short) 1).putShort((short) 1); // PCM, one channel
    out.putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
    out.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
    return out.array();
  }
}
