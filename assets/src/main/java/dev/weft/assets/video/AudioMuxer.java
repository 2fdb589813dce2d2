package dev.weft.assets.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.AudioOps;
import dev.weft.assets.media.DecodeLimits;
import dev.weft.assets.media.EmbeddedProvenance;
import dev.weft.assets.media.Ffmpeg;
import dev.weft.assets.media.MediaException;
import dev.weft.assets.media.MediaException.Reason;
import dev.weft.assets.media.MediaFormat;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Gives a video a new soundtrack without touching its picture: the video stream's packets are
 * copied as they are (no generation loss, no encoding time), the audio is encoded as AAC, and both
 * are interleaved into an MP4. The old audio, if any, is dropped; the new one is cut to the video's
 * length.
 */
public final class AudioMuxer {
  private AudioMuxer() {}

  /** Writes {@code target} (atomically) from the picture of {@code video} and {@code audio}. */
  public static void mux(
      Path video,
      AudioAsset audio,
      Path target,
      int audioBitrate,
      Optional<EmbeddedProvenance> embedded,
      DecodeLimits limits)
      throws IOException {
    MediaFormat.detect(video, MediaFormat.Kind.VIDEO);
    Ffmpeg.ensureLoaded();
    AudioAsset track = audio.channels() > 2 ? AudioOps.toMono(audio) : audio;
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path part = abs.resolveSibling("." + abs.getFileName() + "." + UUID.randomUUID() + ".part");
    DecodeLimits.Deadline deadline = limits.startDeadline(video);
    AVFormatContext in = new AVFormatContext(null);
    AVFormatContext out = new AVFormatContext(null);
    AVCodecContext enc = null;
    AVPacket pkt = av_packet_alloc();
    AVPacket apkt = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    boolean inOpen = false;
    try {
      check(video, avformat_open_input(in, video.toString(), null, null), "open the video");
      inOpen = true;
      check(video, avformat_find_stream_info(in, (PointerPointer<?>) null), "read its streams");
      int vIndex = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      if (vIndex < 0) {
        throw new MediaException(video, Reason.NO_STREAM, "it has no video stream");
      }
      AVStream inV = in.streams(vIndex);
      double duration =
          inV.duration() > 0
              ? inV.duration() * av_q2d(inV.time_base())
              : Math.max(0, in.duration() / 1e6);

      check(
          target,
          avformat_alloc_output_context2(out, null, "mp4", part.toString()),
          "set up the MP4");
      AVStream outV = avformat_new_stream(out, null);
      check(
          target,
          avcodec_parameters_copy(outV.codecpar(), inV.codecpar()),
          "copy the video stream");
      outV.codecpar().codec_tag(0);
      outV.time_base(inV.time_base());

      AVCodec aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
      enc = avcodec_alloc_context3(aac);
      enc.sample_fmt(AV_SAMPLE_FMT_FLTP);
      enc.sample_rate(track.sampleRate());
      av_channel_layout_default(enc.ch_layout(), track.channels());
      enc.bit_rate(audioBitrate);
      enc.time_base(av_make_q(1, track.sampleRate()));
      if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
        enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      }
      check(target, avcodec_open2(enc, aac, (AVDictionary) null), "open the AAC encoder");
      AVStream outA = avformat_new_stream(out, null);
      check(target, avcodec_parameters_from_context(outA.codecpar(), enc), "describe the audio");
      outA.time_base(enc.time_base());

      AVDictionary meta = new AVDictionary(null);
      av_dict_set(meta, "comment", "Made with Weft Studio", 0);
      for (Map.Entry<String, String> e :
          embedded.map(EmbeddedProvenance::toEntries).orElse(Map.of()).entrySet()) {
        av_dict_set(meta, e.getKey(), e.getValue(), 0);
      }
      out.metadata(meta);
      AVIOContext pb = new AVIOContext(null);
      check(target, avio_open(pb, part.toString(), AVIO_FLAG_WRITE), "create the file");
      out.pb(pb);
      AVDictionary opts = new AVDictionary(null);
      av_dict_set(opts, "movflags", "+faststart+use_metadata_tags", 0);
      int header = avformat_write_header(out, opts);
      av_dict_free(opts);
      check(target, header, "write the MP4 header");

      AudioFeed feed = new AudioFeed(target, track, enc, frame, apkt, out, outA, duration);
      while (av_read_frame(in, pkt) >= 0) {
        deadline.check();
        if (pkt.stream_index() == vIndex) {
          double t = pkt.dts() * av_q2d(inV.time_base());
          feed.encodeUpTo(t + 0.5); // audio a little ahead keeps the interleaver's queue short
          av_packet_rescale_ts(pkt, inV.time_base(), outV.time_base());
          pkt.stream_index(outV.index());
          pkt.pos(-1);
          check(target, av_interleaved_write_frame(out, pkt), "write a video packet");
        }
        av_packet_unref(pkt);
      }
      feed.encodeUpTo(duration);
      feed.finish();
      check(target, av_write_trailer(out), "finish the MP4");
      closeIo(out);
      try {
        Files.move(part, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      if (!out.isNull()) {
        closeIo(out);
        avformat_free_context(out);
      }
      if (inOpen) {
        avformat_close_input(in);
      }
      if (enc != null) {
        avcodec_free_context(enc);
      }
      av_frame_free(frame);
      av_packet_free(pkt);
      av_packet_free(apkt);
      Files.deleteIfExists(part);
    }
  }

  // Closes the output file once; out->pb is cleared so a second call does nothing.
  private static void closeIo(AVFormatContext out) {
    AVIOContext pb = out.pb();
    if (pb != null && !pb.isNull()) {
      avio_closep(pb);
      out.pb(null);
    }
  }

  private static void check(Path file, int ret, String what) throws MediaException {
    if (ret < 0) {
      byte[] buf = new byte[256];
      org.bytedeco.ffmpeg.global.avutil.av_strerror(ret, buf, buf.length);
      String msg = new String(buf, java.nio.charset.StandardCharsets.UTF_8).trim();
      throw new MediaException(file, Reason.WRITE_FAILED, "cannot " + what + " (" + msg + ")");
    }
  }

  /** Feeds the soundtrack to the AAC encoder in encoder-sized frames, planar float. */
  private static final class AudioFeed {
    private final Path target;
    private final AudioAsset audio;
    private final AVCodecContext enc;
    private final AVFrame frame;
    private final AVPacket pkt;
    private final AVFormatContext out;
    private final AVStream stream;
    private final long endFrame;
    private final int frameSize;
    private final float[] plane;
    private long sent;

    AudioFeed(
        Path target,
        AudioAsset audio,
        AVCodecContext enc,
        AVFrame frame,
        AVPacket pkt,
        AVFormatContext out,
        AVStream stream,
        double duration) {
      this.target = target;
      this.audio = audio;
      this.enc = enc;
      this.frame = frame;
      this.pkt = pkt;
      this.out = out;
      this.stream = stream;
      this.endFrame = Math.min(audio.frames(), Math.round(duration * audio.sampleRate()));
      this.frameSize = enc.frame_size() > 0 ? enc.frame_size() : 1024;
      this.plane = new float[frameSize];
    }

    void encodeUpTo(double seconds) throws MediaException {
      long until = Math.min(endFrame, Math.round(seconds * audio.sampleRate()));
      while (sent < until) {
        int n = (int) Math.min(frameSize, endFrame - sent);
        if (n < frameSize && until < endFrame) {
          return; // only the very last frame may be short
        }
        frame.nb_samples(n);
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.sample_rate(audio.sampleRate());
        av_channel_layout_copy(frame.ch_layout(), enc.ch_layout());
        if (av_frame_get_buffer(frame, 0) < 0) {
          throw new MediaException(target, Reason.WRITE_FAILED, "cannot allocate an audio frame");
        }
        FloatBuffer all = audio.samples();
        int ch = audio.channels();
        for (int c = 0; c < ch; c++) {
          for (int i = 0; i < n; i++) {
            plane[i] = all.get((int) (sent + i) * ch + c);
          }
          new FloatPointer(frame.data(c)).put(plane, 0, n);
        }
        frame.pts(sent);
        sent += n;
        send(frame);
        org.bytedeco.ffmpeg.global.avutil.av_frame_unref(frame);
      }
    }

    void finish() throws MediaException {
      send(null);
    }

    private void send(AVFrame f) throws MediaException {
      if (avcodec_send_frame(enc, f) < 0) {
        throw new MediaException(target, Reason.WRITE_FAILED, "the AAC encoder refused a frame");
      }
      while (avcodec_receive_packet(enc, pkt) >= 0) {
        av_packet_rescale_ts(pkt, enc.time_base(), stream.time_base());
        pkt.stream_index(stream.index());
        if (av_interleaved_write_frame(out, pkt) < 0) {
          throw new MediaException(target, Reason.WRITE_FAILED, "cannot write an audio packet");
        }
      }
    }
  }
}
