package org.aquaticjava.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.limit.SourceLimits.Kind;
import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.metrics.WorkerLog;
import org.aquaticjava.core.swarm.PeerAddress;
import org.aquaticjava.http.ResponseFraming.Connection;
import org.aquaticjava.http.protocol.FailureResponseWriter;
import org.aquaticjava.netty.DirectMemory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection after Netty's request decoder: checks the limits, resolves the client
 * address (directly, or from the proxy header when the peer is a trusted proxy), has the worker's
 * {@link HttpRequestProcessor} write the body and frames it with {@link ResponseFraming}.
 *
 * <p>Requests are answered synchronously as their heads arrive, so pipelined requests are
 * answered in order; responses written during one read batch are flushed together in {@link
 * #channelReadComplete}. Once the handler decides to close (a limit, {@code Connection: close},
 * keep-alive off), later requests on the connection are discarded. The close follows the response
 * at once when no input can remain unread (a complete bodyless request from a client that asked to
 * close, nothing after it received); otherwise it lingers ({@link LingeringClose}).
 *
 * <p>Each request counts against its client address's request limit ({@code [rate_limit]
 * http_requests}, {@link SourceLimits}), the address the request is served for: the proxy header's
 * on a connection from a trusted proxy, else the TCP peer's. A refused request gets 429 with a
 * bencoded failure and BEP 31 {@code retry in} once per source and notice interval, and the
 * connection closes; later refusals in that interval, and a banned source, get only the close.
 * Scrapes beyond the source's distinct scraped torrents ({@link HttpRequestProcessor}) are
 * refused the same way.
 *
 * <p>Bans ({@code [rate_limit.bans]}): a request the decoder refuses (malformed, request line or
 * headers too long) strikes its TCP peer, a query that does not parse strikes its client ({@link
 * HttpRequestProcessor}); a source that strikes above the threshold is banned, and its
 * connections are closed as soon as they are accepted, unanswered (and its requests on
 * connections still open get only the close), until the ban ends.
 * One instance per connection, used on its event loop only.
 */
final class HttpConnectionHandler extends ChannelInboundHandlerAdapter
    implements ConnectionDeadlines.Expiry {
  private static final Logger log = LoggerFactory.getLogger(HttpConnectionHandler.class);
  private static final int NO_TIME = -1;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** Initial body capacity: a compact announce with a few dozen peers fits. */
  private static final int BODY_CAPACITY = 512;

  /**
   * The log of one socket worker's connections: limits hit ({@link LimitReason}) and failure
   * replies ({@link ServerFailure}), each distinct reason at debug once a minute with its count.
   */
  static WorkerLog workerLog(String workerName) {
    return new WorkerLog(log, workerName, LimitReason.class, ServerFailure.class);
  }

  private final HttpWorkerContext worker;
  private final ConnectionDeadlines deadlines;
  private final TrackerRequestDecoder decoder;
  private ChannelHandlerContext ctx;
  private final PeerAddress tcpPeer = new PeerAddress();
  private final PeerAddress client = new PeerAddress();
  /** The TCP peer's key in the worker's source limits, computed once per connection. */
  private long tcpPeerKey;
  /** The key of {@link #client}, the address the current request is limited under. */
  private long clientKey;
  private InetSocketAddress remote;
  private boolean proxyTrusted;
  private boolean admitted;
  /** 0 = IPv4, 1 = IPv6: the TCP peer's family, which its connection is counted under. */
  private int connectionFamily;
  private boolean closing;
  private boolean wroteInBatch;
  /**
   * Whether the request being answered is the last input of the connection: complete, bodyless,
   * from a client that asked to close, with nothing received after it.
   */
  private boolean inputEnded;
  private long bodyBytes;
  private int now = NO_TIME;
  /** The drain deadline while reading is paused by backpressure; null while reading. */
  private @Nullable Future<?> drainTimer;
  private final ChannelFutureListener drained = this::drained;
  private final Runnable resume = this::resume;
  /** Requests answered in the current read batch (or since reading resumed). */
  private int answeredInBatch;
  private final Runnable drainTimedOut = this::drainTimedOut;

  HttpConnectionHandler(HttpWorkerContext worker, TrackerRequestDecoder decoder) {
    this.worker = worker;
    this.decoder = decoder;
    this.deadlines =
        new ConnectionDeadlines(
            worker.limits().firstByteTimeoutMs(),
            worker.limits().requestTimeoutMs(),
            worker.limits().maxConnectionIdle(),
            this);
  }

  /** The request and idle deadlines of this connection; go in front of the HTTP decoder. */
  ConnectionDeadlines deadlines() {
    return deadlines;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    remote = (InetSocketAddress) ctx.channel().remoteAddress();
    final InetAddress address = remote.getAddress();
    tcpPeer.set(address);
    tcpPeerKey = worker.sourceLimits().key(tcpPeer);
    proxyTrusted = worker.proxies() != null && worker.proxies().contains(address);
    if (!proxyTrusted
        && worker.sourceLimits().refusesBanned(tcpPeerKey, worker.clock().nanosSinceStart())) {
      closing = true;
      ctx.close(); // ignored: not a byte read or written for a banned source
      return;
    }
    if (!worker.gate().tryAcquire()) {
      limitHit(LimitReason.MAX_CONNECTIONS);
      ctx.close();
      return;
    }
    admitted = true;
    connectionFamily = address instanceof Inet6Address ? 1 : 0;
    worker.metrics().activeConnections[connectionFamily].inc();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (drainTimer != null) {
      drainTimer.cancel(false);
      drainTimer = null;
    }
    if (admitted) {
      admitted = false;
      worker.gate().release();
      worker.metrics().activeConnections[connectionFamily].dec();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (closing || !admitted) {
        return;
      }
      if (msg instanceof HttpRequest request) {
        deadlines.headComplete();
        bodyBytes = 0;
        onRequest(ctx, request);
      }
      if (msg instanceof HttpContent content) {
        onContent(ctx, content);
      }
    } catch (RuntimeException e) {
      // One bad request must never stop the worker; the cause is logged once per window.
      worker.log().internalError(e);
      respondAndClose(ctx, HttpStatus.OK, ServerFailure.INTERNAL_ERROR, FailureResponseWriter.OMIT);
    } catch (OutOfMemoryError e) {
      if (!DirectMemory.exhausted(e)) {
        throw e;
      }
      shed(ctx);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
    inputEnded = false;
    final DecoderResult result = request.decoderResult();
    if (result.isFailure()) {
      strike();
      final Throwable cause = result.cause();
      if (cause instanceof TooLongHttpLineException) {
        refuse(ctx, LimitReason.REQUEST_LINE_TOO_LONG, HttpStatus.URI_TOO_LONG,
            ServerFailure.REQUEST_LINE_TOO_LONG);
      } else if (cause instanceof TooLongHttpHeaderException) {
        refuse(ctx, LimitReason.HEADERS_TOO_LARGE, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            ServerFailure.HEADERS_TOO_LARGE);
      } else {
        refuse(ctx, LimitReason.MALFORMED_REQUEST, HttpStatus.BAD_REQUEST,
            ServerFailure.MALFORMED_REQUEST);
      }
      return;
    }
    final HttpHeaders headers = request.headers();
    if (headers.size() > worker.limits().maxHeaders()) {
      refuse(ctx, LimitReason.TOO_MANY_HEADERS, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          ServerFailure.TOO_MANY_HEADERS);
      return;
    }
    final long contentLength = HttpUtil.getContentLength(request, 0L);
    if (contentLength > worker.limits().maxRequestBodySize()) {
      refuse(ctx, LimitReason.BODY_TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE,
          ServerFailure.BODY_TOO_LARGE);
      return;
    }
    final boolean clientKeepsAlive = HttpUtil.isKeepAlive(request);
    // A client that asked to close sends nothing after this request (RFC 9112 §9.6), so once
    // the bytes received so far are used up, closing right after the response resets nothing.
    inputEnded =
        !clientKeepsAlive
            && contentLength == 0
            && !HttpUtil.isTransferEncodingChunked(request)
            && !decoder.holdsUnreadInput();
    final boolean keepAlive = worker.keepAlive() && clientKeepsAlive;
    final Connection connection =
        !keepAlive
            ? Connection.CLOSE
            : request.protocolVersion() == HttpVersion.HTTP_1_0
                ? Connection.KEEP_ALIVE
                : Connection.DEFAULT;
    if (!client(request)) {
      respond(ctx, HttpStatus.OK, ServerFailure.REVERSE_PROXY_HEADER, FailureResponseWriter.OMIT,
          connection);
      return;
    }
    if (sourceLimited(ctx)) {
      return;
    }
    if (request.method() != HttpMethod.GET) {
      respond(ctx, HttpStatus.METHOD_NOT_ALLOWED, ServerFailure.METHOD_NOT_ALLOWED,
          FailureResponseWriter.OMIT, connection);
      return;
    }
    if (worker.lifecycle().stopping()) {
      respond(ctx, HttpStatus.OK, ServerFailure.SHUTTING_DOWN, 1, Connection.CLOSE);
      return;
    }
    if (now == NO_TIME) {
      now = worker.clock().secondsSinceStart();
    }
    final ByteBuf out = ResponseFraming.allocate(ctx.alloc(), BODY_CAPACITY);
    final Reply reply;
    try {
      reply = worker.processor().process(request.uri(), client, clientKey, now, out);
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
    switch (reply) {
      case LIMITED_CLOSE -> {
        out.release();
        closeUnanswered(ctx);
      }
      case LIMITED_NOTICE -> write(ctx, out, reply.status(), Connection.CLOSE);
      default -> write(ctx, out, reply.status(), connection);
    }
  }

  /**
   * Resolves the address the request is served for into {@link #client}: the TCP peer, or, on a
   * connection from a trusted proxy, the address in the configured header.
   *
   * @return false if a trusted proxy sent no usable header (counted and logged)
   */
  private boolean client(HttpRequest request) {
    if (!proxyTrusted) {
      client.set(tcpPeer);
      clientKey = tcpPeerKey;
      return true;
    }
    final ReverseProxyHeader header = worker.proxyHeader();
    final InetAddress forwarded =
        ForwardedAddress.parse(header, request.headers().getAll(header.headerName()));
    if (forwarded == null) {
      client.set(tcpPeer); // the failure response is counted under the proxy's family
      worker.log().record(ServerFailure.REVERSE_PROXY_HEADER, remote);
      return false;
    }
    client.set(forwarded);
    clientKey = worker.sourceLimits().key(client);
    return true;
  }

  /**
   * Takes one token from the client's request limit; if it had none, answers the refusal (429 and
   * close, or just the close: {@link SourceLimits.Verdict}) and returns true.
   */
  private boolean sourceLimited(ChannelHandlerContext ctx) {
    final SourceLimits limits = worker.sourceLimits();
    switch (limits.request(Kind.HTTP_REQUEST, clientKey, worker.clock().nanosSinceStart())) {
      case ALLOWED -> {
        return false;
      }
      case NOTIFY ->
          respond(ctx, HttpStatus.TOO_MANY_REQUESTS, ServerFailure.RATE_LIMITED,
              limits.retryInMinutes(), Connection.CLOSE);
      case DROP -> closeUnanswered(ctx);
    }
    return true;
  }

  /**
   * A request the decoder refused is a strike towards a ban of the TCP peer ({@code
   * [rate_limit.bans]}), unless the peer is a trusted proxy: the client behind it is unknown yet,
   * and banning the proxy would ban everyone behind it.
   */
  private void strike() {
    if (!proxyTrusted) {
      // Whole seconds, as the processor's strikes for bad queries: a strike bucket's time must
      // not run backwards between two strikes of one source.
      worker.sourceLimits().invalid(tcpPeerKey, worker.clock().secondsSinceStart() * NANOS_PER_SECOND);
    }
  }

  /** Flushes the answers to earlier pipelined requests, then closes: no answer to this one. */
  private void closeUnanswered(ChannelHandlerContext ctx) {
    closing = true;
    wroteInBatch = false;
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent content) {
    bodyBytes += content.content().readableBytes();
    if (bodyBytes > worker.limits().maxRequestBodySize()) {
      // A chunked body grew past the limit after its request was answered: just close.
      limitHit(LimitReason.BODY_TOO_LARGE);
      closing = true;
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (content instanceof LastHttpContent) {
      deadlines.headComplete();
    }
  }

  /** A limit that ends the connection: count, answer with the status, close. */
  private void refuse(
      ChannelHandlerContext ctx, LimitReason reason, HttpStatus status, ServerFailure failure) {
    limitHit(reason);
    respondAndClose(ctx, status, failure, FailureResponseWriter.OMIT);
  }

  private void respondAndClose(
      ChannelHandlerContext ctx, HttpStatus status, ServerFailure failure, int retryInMinutes) {
    respond(ctx, status, failure, retryInMinutes, Connection.CLOSE);
  }

  private void respond(
      ChannelHandlerContext ctx,
      HttpStatus status,
      ServerFailure failure,
      int retryInMinutes,
      Connection connection) {
    final ByteBuf out = ResponseFraming.allocate(ctx.alloc(), 128);
    worker.processor().failure(failure, client.familyIndex(), out, retryInMinutes);
    write(ctx, out, status, connection);
  }

  private void write(ChannelHandlerContext ctx, ByteBuf out, HttpStatus status, Connection connection) {
    ResponseFraming.frame(out, status, connection);
    worker.metrics().status(status);
    if (connection == Connection.CLOSE) {
      closing = true;
      ctx.writeAndFlush(out)
          .addListener(inputEnded ? ChannelFutureListener.CLOSE : LingeringClose.INSTANCE);
      wroteInBatch = false;
    } else {
      ctx.write(out, ctx.voidPromise());
      wroteInBatch = true;
      pauseIfBacklogged(ctx);
    }
  }

  /**
   * Stops reading when this read batch has answered max_pipelined_requests, or the responses
   * queued unsent are over write_buffer_size, until all of them have been written: the future of
   * an empty write flushed behind them completes then. Reading resumes in a later task of the
   * loop, never from inside the read: with edge-triggered epoll a read batch goes on while the
   * client keeps sending, so one pipelining client could otherwise keep its loop to itself.
   */
  private void pauseIfBacklogged(ChannelHandlerContext ctx) {
    if (drainTimer != null) {
      return; // paused already; the requests of the current read are still answered
    }
    if (++answeredInBatch < worker.limits().maxPipelinedRequests() && ctx.channel().isWritable()) {
      return;
    }
    limitHit(LimitReason.BACKPRESSURE);
    ctx.channel().config().setAutoRead(false);
    drainTimer =
        ctx.executor().schedule(drainTimedOut, worker.limits().drainTimeoutMs(), TimeUnit.MILLISECONDS);
    wroteInBatch = false;
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(drained);
  }

  /** Everything queued before the pause has been written (or the write failed). */
  private void drained(ChannelFuture written) {
    if (written.isSuccess()) {
      ctx.executor().execute(resume);
    } // else closed meanwhile; channelInactive cleans up
  }

  private void resume() {
    if (drainTimer == null) {
      return; // timed out or closed
    }
    drainTimer.cancel(false);
    drainTimer = null;
    answeredInBatch = 0;
    if (!closing) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void drainTimedOut() {
    drainTimer = null;
    if (ctx.channel().isActive()) {
      closeOnDeadline(LimitReason.DRAIN_TIMEOUT);
    }
  }

  /** Direct memory ran out for this connection: give it up, not the tracker. */
  private void shed(ChannelHandlerContext ctx) {
    limitHit(LimitReason.ALLOCATION_FAILURE);
    closing = true;
    ctx.close();
  }

  private void limitHit(LimitReason reason) {
    worker.metrics().limit(reason);
    worker.log().record(reason, remote);
  }

  @Override
  public void requestTimedOut() {
    closeOnDeadline(LimitReason.REQUEST_TIMEOUT);
  }

  @Override
  public void idleTimedOut() {
    closeOnDeadline(LimitReason.IDLE_TIMEOUT);
  }

  @Override
  public void firstByteTimedOut() {
    closeOnDeadline(LimitReason.FIRST_BYTE_TIMEOUT);
  }

  /** A deadline passed: count it and close, with nothing to answer. */
  private void closeOnDeadline(LimitReason reason) {
    limitHit(reason);
    closing = true;
    ctx.close();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    now = NO_TIME;
    answeredInBatch = 0;
    if (wroteInBatch) {
      wroteInBatch = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (DirectMemory.exhausted(cause)) {
      shed(ctx); // e.g. no memory for a read buffer
      return;
    }
    // Resets and broken pipes concern this connection only: log once per window and close it.
    worker.log().socketError(remote == null ? ctx.channel().remoteAddress() : remote, cause);
    ctx.close();
  }
}
