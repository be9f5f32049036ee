package org.aquaticjava.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The budget is process-wide; the test is {@link Isolated} so that no tracker started by another
 * test claims at the same time.
 */
@Isolated
class FileDescriptorBudgetTest {
  /** 20,000 descriptors: 2,000 kept back, 18,000 for connections. */
  private static final OptionalLong LIMIT = OptionalLong.of(20_000);

  @Test
  void aClaimThatFitsIsGrantedAsAskedAndGivenBackOnClose() {
    try (FileDescriptorBudget.Claim claim = FileDescriptorBudget.claim("a", 10_000, LIMIT)) {
      assertEquals(10_000, claim.granted());
    }
    try (FileDescriptorBudget.Claim claim = FileDescriptorBudget.claim("a", 18_000, LIMIT)) {
      assertEquals(18_000, claim.granted(), "the closed claim was given back");
    }
  }

  @Test
  void undeclaredClaimsAreServedInTurnAndTheLastGetsAtLeastOne() {
    try (FileDescriptorBudget.Claim first = FileDescriptorBudget.claim("a", 20_000, LIMIT);
        FileDescriptorBudget.Claim second = FileDescriptorBudget.claim("b", 20_000, LIMIT)) {
      assertEquals(18_000, first.granted());
      assertEquals(1, second.granted());
    }
  }

  @Test
  void declaredClaimsSplitATooLowLimitInProportionToTheirSettings() {
    try (FileDescriptorBudget.Declaration _ = FileDescriptorBudget.declare("http.max", 30_000);
        FileDescriptorBudget.Declaration _ = FileDescriptorBudget.declare("ws.max", 15_000);
        FileDescriptorBudget.Claim httpClaim = FileDescriptorBudget.claim("http.max", 30_000, LIMIT);
        FileDescriptorBudget.Claim wsClaim = FileDescriptorBudget.claim("ws.max", 15_000, LIMIT)) {
      assertEquals(12_000, httpClaim.granted());
      assertEquals(6_000, wsClaim.granted());
    }
  }

  @Test
  void declaredClaimsThatFitTogetherAreGrantedAsAsked() {
    try (FileDescriptorBudget.Declaration _ = FileDescriptorBudget.declare("http.max", 9_000);
        FileDescriptorBudget.Declaration _ = FileDescriptorBudget.declare("ws.max", 9_000);
        FileDescriptorBudget.Claim httpClaim = FileDescriptorBudget.claim("http.max", 9_000, LIMIT);
        FileDescriptorBudget.Claim wsClaim = FileDescriptorBudget.claim("ws.max", 9_000, LIMIT)) {
      assertEquals(9_000, httpClaim.granted());
      assertEquals(9_000, wsClaim.granted());
    }
  }

  @Test
  void aWithdrawnDeclarationLeavesTheWholeBudgetToTheOthers() {
    FileDescriptorBudget.declare("ws.max", 20_000).close();
    try (FileDescriptorBudget.Claim http = FileDescriptorBudget.claim("http.max", 20_000, LIMIT)) {
      assertEquals(18_000, http.granted());
    }
  }

  @Test
  void withoutALimitEveryClaimIsGrantedAsAsked() {
    try (FileDescriptorBudget.Declaration _ = FileDescriptorBudget.declare("ws.max", 1_000_000);
        FileDescriptorBudget.Claim http =
            FileDescriptorBudget.claim("http.max", 1_000_000, OptionalLong.empty())) {
      assertEquals(1_000_000, http.granted());
    }
  }

  @Test
  void readsTheSoftLimitFromProcLimits(@TempDir Path dir) throws IOException {
    final Path limits = dir.resolve("limits");
    Files.writeString(
        limits,
        """
        Limit                     Soft Limit           Hard Limit           Units
        Max processes             63671                63671                processes
        Max open files            1024                 524288               files
        """);
    assertEquals(OptionalLong.of(1024), FileDescriptorBudget.softLimit(limits));
    Files.writeString(limits, "Max open files            unlimited            unlimited    files\n");
    assertEquals(OptionalLong.empty(), FileDescriptorBudget.softLimit(limits));
    assertEquals(OptionalLong.empty(), FileDescriptorBudget.softLimit(dir.resolve("absent")));
  }
}
