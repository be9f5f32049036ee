package org.aquaticjava.udp;

/** What a {@link SwarmGateway} did with an announce or scrape. */
enum SwarmOutcome {
  /** The results are filled in now; the caller writes the response. */
  ANSWERED,
  /** Handed to a swarm worker; the response goes out later through the {@link ReplyTarget}. */
  DEFERRED,
  /** The swarm workers are saturated (queue or in-flight limit reached): dropped, unanswered. */
  QUEUE_FULL
}
