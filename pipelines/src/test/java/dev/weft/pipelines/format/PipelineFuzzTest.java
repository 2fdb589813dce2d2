package dev.weft.pipelines.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.InvalidPipelineException;
import dev.weft.pipelines.Problem;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.testing.nodes.TestCatalog;
import dev.weft.pipelines.validate.Validator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of mutated pipeline files to the reader and the validator: nothing escapes but
 * the documented {@link InvalidPipelineException}, and every problem names where it is.
 */
class PipelineFuzzTest {
  private static final int CASES = 4000;
  private final PipelineFormat format = new PipelineFormat();
  private final Validator validator = new Validator(TestCatalog.withTestNodes(), Services.NONE);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void mutatedPipelinesFailOnlyWithLocatedProblems() throws Exception {
    SplittableRandom random = new SplittableRandom(20261201);
    List<String> seeds = new ArrayList<>();
    for (var e : Examples.all()) {
      seeds.add(e.json());
    }
    seeds.add(
        """
        {"format":"weft-pipeline","version":1,"nodes":[
          {"id":"a","type":"test.echo","params":{"suffix":"x","count":2}},
          {"id":"b","type":"text.join","params":{"separator":","}},
          {"id":"w","type":"test.wait","params":{"millis":5,"lane":"cpu"}}],
         "edges":[{"from":"a.out","to":"b.texts"},{"from":"a.out","to":"w.in"}],
         "groups":[{"id":"g","nodes":["a","b"]}]}
        """);
    int located = 0;
    for (int i = 0; i < CASES; i++) {
      String seed = seeds.get(random.nextInt(seeds.size()));
      String mutated = random.nextBoolean() ? mutateText(seed, random) : mutateTree(seed, random);
      try {
        ParsedPipeline p = format.read(mutated, "fuzz-" + i + ".weft.json");
        List<Problem> problems = validator.validate(p, random.nextBoolean());
        for (Problem problem : problems) {
          assertLocated(problem, mutated);
          located++;
        }
      } catch (InvalidPipelineException e) {
        for (Problem problem : e.problems()) {
          assertLocated(problem, mutated);
          located++;
        }
      } catch (Throwable t) {
        fail("case " + i + " threw " + t + " for input:\n" + mutated, t);
      }
    }
    assertThat(located).as("the mutations should produce many problems").isGreaterThan(CASES / 2);
  }

  private static void assertLocated(Problem p, String input) {
    if (p.location().isEmpty() || p.location().describe().isBlank()) {
      fail("problem without a location: " + p + "\ninput:\n" + input);
    }
    assertThat(p.message()).isNotBlank();
  }

  private static String mutateText(String s, SplittableRandom r) {
    StringBuilder sb = new StringBuilder(s);
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n && !sb.isEmpty(); k++) {
      int at = r.nextInt(sb.length());
      switch (r.nextInt(6)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, "{}[],:\"\\0-e9x\u00e9\ud83d\ude00".charAt(r.nextInt(14)));
        case 2 -> sb.setCharAt(at, (char) r.nextInt(0x20, 0x7f));
        case 3 -> sb.setLength(at);
        case 4 -> {
          int len = Math.min(sb.length() - at, 1 + r.nextInt(40));
          sb.insert(at, sb.substring(at, at + len));
        }
        default -> sb.insert(at, "[".repeat(r.nextInt(1, 200)));
      }
    }
    return sb.toString();
  }

  private String mutateTree(String s, SplittableRandom r) throws Exception {
    JsonNode root = json.readTree(s);
    int n = 1 + r.nextInt(3);
    for (int k = 0; k < n; k++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode target = containers.get(r.nextInt(containers.size()));
      JsonNode weird = weird(r);
      if (target instanceof ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        if (!names.isEmpty() && r.nextInt(3) > 0) {
          String name = names.get(r.nextInt(names.size()));
          if (r.nextBoolean()) {
            o.set(name, weird);
          } else {
            o.remove(name);
          }
        } else {
          o.set(randomName(r), weird);
        }
      } else if (target instanceof ArrayNode a) {
        if (!a.isEmpty() && r.nextBoolean()) {
          a.set(r.nextInt(a.size()), weird);
        } else if (!a.isEmpty() && r.nextBoolean()) {
          a.add(a.get(r.nextInt(a.size())).deepCopy());
        } else {
          a.add(weird);
        }
      }
    }
    return json.writeValueAsString(root);
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  private static String randomName(SplittableRandom r) {
    String[] names = {
      "id",
      "type",
      "params",
      "from",
      "to",
      "version",
      "format",
      "nodes",
      "edges",
      "x",
      "y",
      "",
      "typeVersion",
      "title",
      "via",
      "position"
    };
    return names[r.nextInt(names.length)];
  }

  private static JsonNode weird(SplittableRandom r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (r.nextInt(14)) {
      case 0 -> f.nullNode();
      case 1 -> f.textNode("");
      case 2 -> f.textNode("a.b.c");
      case 3 -> f.numberNode(Long.MAX_VALUE);
      case 4 -> f.numberNode(new java.math.BigInteger("99999999999999999999999999"));
      case 5 -> f.numberNode(-1.5e308);
      case 6 -> f.booleanNode(r.nextBoolean());
      case 7 -> f.arrayNode();
      case 8 -> f.objectNode();
      case 9 -> f.objectNode().put("x", "NaN").put("y", 1);
      case 10 -> f.textNode("test.echo");
      case 11 -> f.textNode("a.out");
      case 12 -> f.numberNode(r.nextInt(-5, 20));
      default -> f.textNode("\u0000\uffff" + "z".repeat(r.nextInt(100)));
    };
  }
}
