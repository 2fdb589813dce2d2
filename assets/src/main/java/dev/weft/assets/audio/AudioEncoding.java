package dev.weft.assets.audio;

/**
 * How audio is saved: the container and codec, with their settings.
 *
 * @param codec the file format
 * @param wavFormat the sample encoding when saving WAV
 * @param bitrate bits per second for MP3 and Opus (ignored by lossless codecs)
 * @param flacLevel FLAC compression level 0 to 12
 * @param dither add triangular dither when reducing to 8 or 16 bits
 */
public record AudioEncoding(
    Codec codec, WavFormat wavFormat, int bitrate, int flacLevel, boolean dither) {

  /** Audio file formats Weft writes. */
  public enum Codec {
    WAV("wav"),
    FLAC("flac"),
    MP3("mp3"),
    OPUS("opus"),
    AAC("m4a");

    private final String extension;

    Codec(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  public static final AudioEncoding WAV_16 =
      new AudioEncoding(Codec.WAV, WavFormat.PCM_S16, 0, 5, false);
  public static final AudioEncoding WAV_FLOAT =
      new AudioEncoding(Codec.WAV, WavFormat.FLOAT32, 0, 5, false);
  public static final AudioEncoding FLAC =
      new AudioEncoding(Codec.FLAC, WavFormat.PCM_S16, 0, 5, false);
  public static final AudioEncoding MP3 =
      new AudioEncoding(Codec.MP3, WavFormat.PCM_S16, 192_000, 5, false);
  public static final AudioEncoding OPUS =
      new AudioEncoding(Codec.OPUS, WavFormat.PCM_S16, 96_000, 5, false);
  public static final AudioEncoding AAC =
      new AudioEncoding(Codec.AAC, WavFormat.PCM_S16, 160_000, 5, false);

  public AudioEncoding {
    if (codec == null || wavFormat == null) {
      throw new IllegalArgumentException("codec and WAV format are required");
    }
    if ((codec == Codec.MP3 || codec == Codec.OPUS || codec == Codec.AAC)
        && (bitrate < 6_000 || bitrate > 512_000)) {
      throw new IllegalArgumentException(
          codec + " bitrate must be 6000 to 512000 bit/s, got " + bitrate);
    }
    if (flacLevel < 0 || flacLevel > 12) {
      throw new IllegalArgumentException("FLAC level must be 0 to 12, got " + flacLevel);
    }
  }

  public AudioEncoding withBitrate(int newBitrate) {
    return new AudioEncoding(codec, wavFormat, newBitrate, flacLevel, dither);
  }

  /** The encoding a file name's extension asks for, with default settings. */
  public static AudioEncoding forExtension(String extension) {
    return switch (extension.toLowerCase(java.util.Locale.ROOT)) {
      case "wav", "wave" -> WAV_16;
      case "flac" -> FLAC;
      case "mp3" -> MP3;
      case "opus", "ogg", "oga" -> OPUS;
      case "m4a", "aac" -> AAC;
      default ->
          throw new IllegalArgumentException(
              "'." + extension + "' names no audio format Weft writes (wav, flac, mp3, opus, m4a)");
    };
  }
}
