package org.aquaticjava.http.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the query parser (and of the bencode reader, on the same bytes) with
 * Jazzer. The module's surefire configuration sets {@code JAZZER_FUZZ=1}, so every {@code verify}
 * fuzzes for a bounded time; the generated corpus and any crash files go under {@code target/}
 * ({@code jazzer.internal.basedir}). Without that variable (e.g. from an IDE) the test only replays
 * its seed inputs.
 *
 * <p>A finding is any exception other than {@link BencodeException} from the reader, or a broken
 * {@link QueryInvariants} assertion: text and bytes parsing differently, an ANNOUNCE with port 0, a
 * SCRAPE with unsorted hashes, and so on.
 */
class HttpQueryParserFuzzTest {
  private final HttpQueryParser parser = new HttpQueryParser();
  private final HttpQuery slot = new HttpQuery(3);
  private final HttpQuery other = new HttpQuery(3);
  private final BencodeReader reader = new BencodeReader(1 << 16, 8);

  @FuzzTest(maxDuration = "10s")
  void parserHoldsItsInvariantsOnAnyBytes(byte[] target) {
    QueryInvariants.check(parser, slot, other, target);
    try {
      reader.read(target);
    } catch (BencodeException expected) {
      // garbage is reported this way, and only this way
    }
  }
}
