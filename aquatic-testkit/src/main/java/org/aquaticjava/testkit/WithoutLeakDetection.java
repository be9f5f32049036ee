package org.aquaticjava.testkit;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Switches Netty's leak detector off for each test of a class ({@code
 * @ExtendWith(WithoutLeakDetection.class)}) and back to its level afterwards, before {@link
 * TrackerHygieneExtension} checks it. For tests that measure the tracker under a flood: the
 * paranoid level the modules' tests run with records a stack trace per buffer access, kilobytes
 * and microseconds per request, so such a test would measure the detector (its allocations, or a
 * tracker too slowed down to serve the well-behaved client beside the attack).
 */
public final class WithoutLeakDetection implements BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(WithoutLeakDetection.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put("level", ResourceLeakDetector.getLevel());
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ResourceLeakDetector.setLevel(
        context.getStore(NAMESPACE).get("level", ResourceLeakDetector.Level.class));
  }
}
