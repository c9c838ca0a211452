package io.steppewire.notify.delivery.outbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.steppewire.events.EventJson;
import io.steppewire.events.alert.AlertRaised;
import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.delivery.DeliveryStatus;
import io.steppewire.notify.delivery.RetrySchedule;
import io.steppewire.notify.matching.SubscriptionIndex;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.subscription.store.SubscriptionStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Works off the delivery outbox apart from matching, so a slow receiver never holds back the event consumers.
 * <p>
 * Each endpoint has a lane: the claims waiting for it, at most {@link #LANE_CAPACITY}, started as the endpoint's
 * {@link EndpointGuards guards} allow (a few in flight, none while its circuit is open) and as one of the
 * instance's {@code concurrency} slots is free. A lane that finds no free slot waits its turn among the starved
 * lanes, served as slots come free, so a slow endpoint holds its own few slots and never the others'. Deliveries the
 * consumers just queued come claimed and are started at once; a poller claims what is due otherwise: retries,
 * deliveries queued elsewhere or left by a crash.
 * <p>
 * Deliveries to an endpoint that cannot take them now (circuit open, lane full) are parked in the outbox, except one
 * kept in an open circuit's empty lane for its probe. An endpoint's backlog is moved into its lane, oldest first,
 * when the lane has drained to half and the circuit lets attempts through, or when its probe is due and the lane is
 * empty; a sweep every {@code max-poll-interval} finds backlogs parked by other instances or before a restart.
 * Attempts run on virtual threads; their outcomes are recorded in groups by one recorder thread.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    /** Claims held in memory per endpoint; beyond them, deliveries wait in the outbox for a poll. */
    public static final int LANE_CAPACITY = 256;
    /** Claims one poll takes per slot: the poll's query serves that many attempts. */
    static final int POLLED_PER_SLOT = 4;
    /** How long a consumer settling first attempts waits, past first-attempt-wait, for a record being written. */
    private static final Duration RECORDING_WAIT = Duration.ofSeconds(30);

    private final DeliveryOutbox outbox;
    private final SubscriptionStore subscriptions;
    private final SubscriptionIndex index;
    private final WebhookSender webhooks;
    private final EmailSender mail;
    private final Digests digests;
    private final StoredAlerts storedAlerts;
    private final EndpointGuards guards;
    private final EndpointFailures failures;
    private final DeliveryProperties properties;
    private final RetrySchedule retries;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer attemptTimer;
    /** The longest an attempt can take; a claim must outlast it from the attempt's start. */
    private final Duration longestAttempt;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    /** Per endpoint, a moving average of its attempts' durations: how many first attempts it can end in their wait. */
    private final Map<String, Long> typicalAttemptNanos = new ConcurrentHashMap<>();
    /**
     * Endpoints with parked deliveries as far as this instance knows, each with a count of the parkings seen: a move
     * that found the backlog empty forgets the endpoint only if nothing was parked for it meanwhile.
     */
    private final Map<String, Long> parked = new ConcurrentHashMap<>();
    /** Endpoints whose backlog is being moved into their lane now: one move at a time per endpoint. */
    private final Set<String> unparking = ConcurrentHashMap.newKeySet();
    private long nextSweep;
    /** Lanes that have claims waiting and found no free slot: served, in turn, as slots come free. */
    private final ConcurrentLinkedQueue<Lane> starved = new ConcurrentLinkedQueue<>();
    private final Semaphore wakeUp = new Semaphore(0);
    /** When this worker's scheduled retries are due ({@link System#nanoTime()}), so the poller is there for each. */
    private final PriorityBlockingQueue<Long> retriesDue = new PriorityBlockingQueue<>();
    /** The poller's pause while its polls find nothing: from poll-interval, doubling up to max-poll-interval. */
    private long idleWait;
    /** Attempts waiting to be recorded; bounded so that attempts never run far ahead of their records. */
    private final BlockingQueue<DeliveryOutbox.Attempted> toRecord;

    private volatile boolean running;
    private Semaphore slots = new Semaphore(0);
    private ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    private @Nullable Thread poller;
    /** Never interrupted: an interrupt during a MongoDB write fails the write, and its attempts would be repeated. */
    private @Nullable Thread recorder;
    private AtomicBoolean finishRecording = new AtomicBoolean(true);

    /** The claims waiting for one endpoint, and whether the lane is queued among the starved ones. */
    private static final class Lane {
        final String endpoint;
        final ArrayDeque<DeliveryOutbox.Claim> waiting = new ArrayDeque<>();
        boolean starved;

        Lane(String endpoint) {
            this.endpoint = endpoint;
        }
    }

    public DeliveryWorker(DeliveryOutbox outbox, SubscriptionStore subscriptions, SubscriptionIndex index, WebhookSender webhooks,
                          EmailSender mail, Digests digests, StoredAlerts storedAlerts, EndpointGuards guards, EndpointFailures failures,
                          DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        Duration longestAttempt = webhooks.longestAttempt();
        if (properties.lease().compareTo(longestAttempt) <= 0) {
            // A lease that ends before its attempt can would let a second worker repeat the attempt at once.
            throw new IllegalStateException("steppewire.notify.delivery.lease (" + properties.lease() + ") must be longer than a webhook"
                    + " attempt can take: steppewire.outbound.connect-timeout plus exchange-deadline = " + longestAttempt);
        }
        this.longestAttempt = longestAttempt;
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.index = index;
        this.webhooks = webhooks;
        this.mail = mail;
        this.digests = digests;
        this.storedAlerts = storedAlerts;
        this.guards = guards;
        this.failures = failures;
        this.properties = properties;
        this.retries = properties.retrySchedule();
        this.clock = clock;
        this.meters = meters;
        this.toRecord = new LinkedBlockingQueue<>(properties.concurrency() * 4);
        this.attemptTimer = Timer.builder("steppewire.notify.delivery.attempt")
                .description("Duration of delivery attempts, successful or not").register(meters);
        Gauge.builder("steppewire.notify.delivery.waiting", this, DeliveryWorker::waitingInMemory)
                .description("Claimed deliveries waiting in memory for their endpoint").register(meters);
        // On a thread of its own: the circuit may change state inside a call that holds the lane or the guards.
        guards.onProbeAllowed(endpoint -> Thread.ofVirtual().start(() -> {
            Lane lane = lanes.get(endpoint);
            if (lane != null) {
                drain(lane);
            }
            if (waiting(endpoint) == 0) {
                // Nothing in the lane to probe with: the oldest parked delivery is.
                unpark(endpoint, 1);
            }
            wakeUp.release();
        }));
    }

    /** Asks the poller to look for due deliveries now instead of at its next poll. */
    public void wake() {
        wakeUp.release();
    }

    /**
     * How deliveries about to be queued may be claimed for this worker on insert: for endpoints whose circuit is not
     * open and whose lane has room. Null while the worker is stopped.
     */
    public DeliveryOutbox.@Nullable ClaimOnInsert claimOnInsert(Instant now) {
        if (!running) {
            return null;
        }
        // An open circuit's empty lane keeps one delivery for the probe, so the probe needs no query. Counted per call,
        // since the lanes learn of this batch's claims only once they are stored.
        Map<String, Integer> claimedNow = new HashMap<>();
        Map<String, Integer> attemptedFirstNow = new HashMap<>();
        return new DeliveryOutbox.ClaimOnInsert(now.plus(properties.lease()), endpoint -> {
            int held = waiting(endpoint) + claimedNow.getOrDefault(endpoint, 0);
            boolean claim = guards.isBlocked(endpoint) ? held == 0 : held < LANE_CAPACITY;
            if (claim) {
                claimedNow.merge(endpoint, 1, Integer::sum);
            }
            return claim;
        }, true, endpoint -> {
            boolean first = attemptsFirst(endpoint, attemptedFirstNow.getOrDefault(endpoint, 0));
            if (first) {
                attemptedFirstNow.merge(endpoint, 1, Integer::sum);
            }
            return first;
        });
    }

    /**
     * Whether a delivery to this endpoint is attempted before anything of it is written ({@link FirstAttempt}): when
     * the endpoint's circuit is closed and what it already has to do (in flight, waiting in its lane, and
     * {@code alreadyFirst} such deliveries of this batch) would likely end within a quarter of
     * {@code first-attempt-wait}, judged by its typical attempt; the rest of the wait is the margin for a loaded
     * machine and for recording. An endpoint not attempted yet is taken for one answering in a quarter of the wait.
     */
    private boolean attemptsFirst(String endpoint, int alreadyFirst) {
        long quarter = properties.firstAttemptWait().toNanos() / 4;
        if (quarter <= 0 || guards.circuitState(endpoint) != CircuitBreaker.State.CLOSED) {
            return false;
        }
        long typical = Math.max(1, typicalAttemptNanos.getOrDefault(endpoint, quarter));
        long canEnd = Math.min(LANE_CAPACITY, (quarter / typical) * properties.perEndpointConcurrency());
        return guards.inFlight(endpoint) + waiting(endpoint) + alreadyFirst < canEnd;
    }

    /**
     * Queues the deliveries of alerts just stored (see {@link DeliveryOutbox#enqueue}): those this worker can attempt
     * now are claimed and started at once, the others parked or, while the worker is stopped, left for a poll.
     */
    public List<DeliveryOutbox.Claim> enqueue(List<DeliveryOutbox.NewDelivery> fresh, List<DeliveryOutbox.NewDelivery> repeated, Instant now) {
        DeliveryOutbox.Queued queued = outbox.enqueue(fresh, repeated, now, claimOnInsert(now), this::submit);
        queued.parkedEndpoints().forEach(endpoint -> parked.merge(endpoint, 1L, Long::sum));
        return queued.firstAttempts();
    }

    /**
     * Waits until {@code first-attempt-wait} after {@link #enqueue} started them for the records of first attempts,
     * then writes the pending documents of those still without one. Returns once every delivery is in the store, so
     * the caller may commit its event's offset.
     */
    public void settle(List<DeliveryOutbox.Claim> firstAttempts) {
        if (firstAttempts.isEmpty()) {
            return;
        }
        List<FirstAttempt> attempts = firstAttempts.stream().map(c -> Objects.requireNonNull(c.first(), "not a first attempt")).toList();
        long deadline = attempts.stream().mapToLong(FirstAttempt::startedAt).min().orElseThrow() + properties.firstAttemptWait().toNanos();
        try {
            for (FirstAttempt attempt : attempts) {
                attempt.awaitRecord(deadline, RECORDING_WAIT.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbox.writeUnrecorded(firstAttempts);
    }

    private int waiting(String endpoint) {
        Lane lane = lanes.get(endpoint);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size();
        }
    }

    /**
     * Moves the endpoint's parked backlog into its lane when the lane has drained to half and the circuit lets
     * attempts through. On a virtual thread, one move per endpoint at a time.
     */
    private void refill(String endpoint) {
        int waiting = waiting(endpoint);
        if (!parked.containsKey(endpoint) || guards.isBlocked(endpoint) || waiting > LANE_CAPACITY / 2) {
            return;
        }
        unpark(endpoint, LANE_CAPACITY - waiting);
    }

    private void unpark(String endpoint, int max) {
        if (!running || max <= 0 || !parked.containsKey(endpoint) || !unparking.add(endpoint)) {
            return;
        }
        try {
            attempts.execute(() -> {
                try {
                    Long seen = parked.get(endpoint);
                    Instant now = clock.instant();
                    List<DeliveryOutbox.Claim> moved = outbox.unpark(endpoint, max, now, now.plus(properties.lease()));
                    if (moved.size() < max && seen != null) {
                        parked.remove(endpoint, seen);
                    }
                    submit(moved);
                } catch (RuntimeException e) {
                    log.warn("Could not move the parked deliveries of {}; the next sweep tries again: {}", endpoint, e.toString());
                } finally {
                    unparking.remove(endpoint);
                }
            });
        } catch (RejectedExecutionException stopping) {
            unparking.remove(endpoint);
        }
    }

    /** Learns of backlogs parked by other instances or before a restart, and moves those whose endpoints can take them. */
    private void sweepParked() {
        long now = System.nanoTime();
        if (now - nextSweep < 0) {
            return;
        }
        nextSweep = now + properties.maxPollInterval().toNanos();
        try {
            for (String endpoint : outbox.parkedEndpoints()) {
                parked.putIfAbsent(endpoint, 0L);
                if (guards.isBlocked(endpoint)) {
                    continue;
                }
                if (waiting(endpoint) == 0 && guards.circuitState(endpoint) == CircuitBreaker.State.HALF_OPEN) {
                    unpark(endpoint, 1);
                } else {
                    refill(endpoint);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for parked deliveries: {}", e.toString());
        }
    }

    private boolean hasRoom(String endpoint) {
        Lane lane = lanes.get(endpoint);
        if (lane == null) {
            return true;
        }
        synchronized (lane) {
            return lane.waiting.size() < LANE_CAPACITY;
        }
    }

    /** Starts claimed deliveries as their endpoints allow; those no lane can hold are given back to the outbox. */
    public void submit(List<DeliveryOutbox.Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        if (!running) {
            release(claims);
            return;
        }
        List<DeliveryOutbox.Claim> overflow = new ArrayList<>();
        Set<Lane> touched = new HashSet<>();
        for (DeliveryOutbox.Claim claim : claims) {
            Lane lane = lanes.computeIfAbsent(claim.endpoint(), Lane::new);
            synchronized (lane) {
                if (lane.waiting.size() < LANE_CAPACITY) {
                    lane.waiting.add(claim);
                    touched.add(lane);
                } else {
                    overflow.add(claim);
                }
            }
        }
        release(overflow);
        touched.forEach(this::drain);
    }

    /** Starts the lane's waiting claims while its endpoint and the instance both have room. */
    private void drain(Lane lane) {
        synchronized (lane) {
            while (running && !lane.waiting.isEmpty()) {
                if (!slots.tryAcquire()) {
                    if (!lane.starved) {
                        lane.starved = true;
                        starved.add(lane);
                    }
                    return;
                }
                if (!guards.tryStart(lane.endpoint)) {
                    slots.release();
                    return;
                }
                DeliveryOutbox.Claim claim = lane.waiting.poll();
                try {
                    attempts.execute(() -> run(lane, claim));
                } catch (RejectedExecutionException stopping) {
                    // stop() shut the attempts down meanwhile: the claim goes back to the lane, which stop() gives back.
                    lane.waiting.addFirst(claim);
                    guards.abandoned(lane.endpoint);
                    slots.release();
                    return;
                }
            }
        }
    }

    /** Serves starved lanes while slots are free. */
    private void serveStarved() {
        Lane lane;
        while (slots.availablePermits() > 0 && (lane = starved.poll()) != null) {
            synchronized (lane) {
                lane.starved = false;
            }
            drain(lane);
        }
    }

    private void run(Lane lane, DeliveryOutbox.Claim claim) {
        AttemptOutcome outcome = null;
        try {
            outcome = attempt(claim);
        } catch (RuntimeException e) {
            log.warn("Delivery {} could not be attempted; it is retried after its lease: {}", claim.alertId(), e.toString());
        } finally {
            if (outcome != null) {
                typicalAttemptNanos.merge(lane.endpoint, Math.max(1, outcome.duration().toNanos()), (old, last) -> (old * 3 + last) / 4);
                guards.finished(lane.endpoint, outcome);
                failures.count(lane.endpoint, outcome);
            } else {
                guards.abandoned(lane.endpoint);
            }
            slots.release();
            drain(lane);
            serveStarved();
            refill(lane.endpoint);
        }
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        slots = new Semaphore(properties.concurrency());
        attempts = Executors.newVirtualThreadPerTaskExecutor();
        running = true;
        AtomicBoolean finish = new AtomicBoolean();
        finishRecording = finish;
        // Per run: a recorder a slow stop left behind finishes its own run's queue and is not revived by this start.
        recorder = Thread.ofPlatform().name("delivery-recorder").daemon().start(() -> recordInGroups(finish));
        poller = Thread.ofPlatform().name("delivery-poller").daemon().start(this::poll);
        log.info("Delivery worker started with {} slots", properties.concurrency());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp.release();
        try {
            if (poller != null) {
                poller.join(Duration.ofSeconds(5));
            }
            // Given back, so whichever worker runs next takes them at once instead of after their leases.
            List<DeliveryOutbox.Claim> unattempted = new ArrayList<>();
            for (Lane lane : lanes.values()) {
                synchronized (lane) {
                    unattempted.addAll(lane.waiting);
                    lane.waiting.clear();
                }
            }
            starved.clear();
            release(unattempted);
            // Attempts in flight finish (a graceful stop must not cut a receiver off mid-request); each ends within its
            // deadline, and only one that outlives it is interrupted.
            attempts.shutdown();
            if (!attempts.awaitTermination(longestAttempt.toMillis(), TimeUnit.MILLISECONDS)) {
                attempts.shutdownNow();
                attempts.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Only now that the attempts are over, so the recorder's last writes include every attempt they queued.
        finishRecording.set(true);
        try {
            if (recorder != null) {
                recorder.join(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (recorder != null && recorder.isAlive()) {
            log.warn("Delivery worker stopped before its last attempts were recorded; the recorder goes on writing them");
        }
        log.info("Delivery worker stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Claims due deliveries for endpoints that can take attempts, as many as the free slots can start soon; a full
     * batch is followed at once by another poll.
     */
    private void poll() {
        int batch = properties.concurrency() * POLLED_PER_SLOT;
        idleWait = properties.pollInterval().toNanos();
        while (running) {
            try {
                wakeUp.drainPermits();
                sweepParked();
                Set<String> skipped = guards.blocked();
                lanes.forEach((endpoint, lane) -> {
                    if (!hasRoom(endpoint)) {
                        skipped.add(endpoint);
                    }
                });
                // Claims waiting for endpoints that cannot take them now do not count: a slow endpoint's full lane must
                // not stop the poll for everyone else's retries.
                int room = batch - waitingInMemory(endpoint -> !skipped.contains(endpoint));
                int claimed = 0;
                if (room > 0) {
                    List<DeliveryOutbox.Claim> found = outbox.claimDue(clock.instant(), room, skipped, properties.lease());
                    claimed = found.size();
                    submit(found);
                }
                if (claimed > 0) {
                    idleWait = properties.pollInterval().toNanos();
                }
                if (claimed < room || room <= 0) {
                    // The poll's query scans the pending deliveries on some stores: while polls find nothing they come
                    // less often, up to max-poll-interval, but never later than this worker's own next retry.
                    Long nextRetry = retriesDue.peek();
                    long untilRetry = nextRetry == null ? Long.MAX_VALUE : nextRetry - System.nanoTime();
                    long wait = Math.max(0, Math.min(idleWait, untilRetry));
                    boolean woken = wakeUp.tryAcquire(wait, TimeUnit.NANOSECONDS);
                    long now = System.nanoTime();
                    Long due;
                    boolean retryDue = false;
                    while ((due = retriesDue.peek()) != null && due - now <= 0) {
                        retriesDue.poll();
                        retryDue = true;
                    }
                    if (woken || retryDue) {
                        idleWait = properties.pollInterval().toNanos();
                    } else if (claimed == 0) {
                        idleWait = Math.min(idleWait * 2, properties.maxPollInterval().toNanos());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // MongoDB unreachable or similar: keep polling after a pause.
                log.warn("Could not claim due deliveries: {}", e.toString());
                try {
                    wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int waitingInMemory() {
        return waitingInMemory(endpoint -> true);
    }

    private int waitingInMemory(Predicate<String> endpoints) {
        int waiting = 0;
        for (Lane lane : lanes.values()) {
            if (endpoints.test(lane.endpoint)) {
                synchronized (lane) {
                    waiting += lane.waiting.size();
                }
            }
        }
        return waiting;
    }

    private void release(List<DeliveryOutbox.Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        try {
            outbox.release(claims);
        } catch (RuntimeException e) {
            log.warn("Could not give back {} claimed deliveries; they are attempted after their leases: {}", claims.size(), e.toString());
        }
    }

    /**
     * Runs one attempt and queues its record. Answers the outcome the endpoint's circuit should count, or null when no
     * attempt reached the endpoint (the claim was lost, the subscription deleted, or stopping interrupted it).
     */
    private @Nullable AttemptOutcome attempt(DeliveryOutbox.Claim held) {
        DeliveryOutbox.Claim claim = held;
        Instant now = clock.instant();
        if (claim.until().isBefore(now.plus(longestAttempt))) {
            // It waited for its endpoint long enough for the lease to run short: renewed first, or left to whoever took it.
            claim = outbox.renew(claim, now.plus(properties.lease()));
            if (claim == null) {
                return null;
            }
        }
        DeliveryOutbox.Delivery delivery = claim.delivery();
        // The index knows every subscription this instance has seen; MongoDB answers for one created elsewhere moments ago.
        Optional<Subscription> subscription = index.find(delivery.subscriptionId())
                .or(() -> subscriptions.find(delivery.subscriptionId()).filter(s -> !s.deleted()));
        if (subscription.isEmpty()) {
            record(new DeliveryOutbox.Attempted(claim, null, DeliveryStatus.CANCELLED, null, clock.instant()));
            count(delivery.channel(), "cancelled");
            return null;
        }
        if (subscription.get().deliveryDisabled() != null) {
            // Disabled while this claim waited or was in flight elsewhere: ended like the others, kept for a recover.
            record(new DeliveryOutbox.Attempted(claim, AttemptOutcome.permanent(clock.instant(), Duration.ZERO, null,
                    "Delivery disabled: a PUT of the subscription enables it again, and deliveries/recover sends what failed"),
                    DeliveryStatus.FAILED, null, clock.instant()));
            count(delivery.channel(), "failed");
            return null;
        }
        if (subscription.get().pausedAt() != null) {
            record(new DeliveryOutbox.Attempted(claim, AttemptOutcome.permanent(clock.instant(), Duration.ZERO, null,
                    "Not sent: the subscriber paused the subscription (unsubscribe link); a PUT of it resumes alerts"),
                    DeliveryStatus.CANCELLED, null, clock.instant()));
            count(delivery.channel(), "cancelled");
            return null;
        }
        AttemptOutcome outcome;
        if (Digests.isBundle(delivery.alertId())) {
            DigestMessage message = message(delivery.alertId(), subscription.get());
            if (message.alertCount() == 0) {
                record(new DeliveryOutbox.Attempted(claim, AttemptOutcome.permanent(clock.instant(), Duration.ZERO, null,
                        "Nothing to send: the message holds no alerts"), DeliveryStatus.CANCELLED, null, clock.instant()));
                count(delivery.channel(), "cancelled");
                return null;
            }
            outcome = switch (subscription.get().channel()) {
                case Channel.Webhook webhook -> webhooks.send(webhook, delivery.alertId(), message.json(), null);
                case Channel.Email email -> mail.sendDigest(email, message, subscription.get());
                case Channel.ServerSentEvents ignored -> AttemptOutcome.success(clock.instant(), Duration.ZERO, null);
            };
        } else {
            outcome = switch (subscription.get().channel()) {
                case Channel.Webhook webhook -> webhooks.send(webhook, delivery.alertId(), delivery.body(), delivery.traceparent());
                case Channel.Email email -> mail.send(email, delivery.alertId(), delivery.body(), subscription.get());
                case Channel.ServerSentEvents ignored -> AttemptOutcome.success(clock.instant(), Duration.ZERO, null);
            };
        }
        if (!running && !outcome.succeeded()) {
            // Stopping interrupted the attempt: leave it to the lease to expire so another worker retries it.
            return null;
        }
        attemptTimer.record(outcome.duration());
        DeliveryStatus status;
        Instant next = null;
        if (outcome.succeeded()) {
            status = DeliveryStatus.DELIVERED;
        } else if (outcome.permanent()) {
            status = DeliveryStatus.FAILED;
        } else {
            Instant firstAttempt = delivery.firstAttemptAt() == null ? outcome.at() : delivery.firstAttemptAt();
            Optional<Instant> retryAt = retries.nextAttempt(delivery.attemptCount() + 1, firstAttempt, clock.instant(),
                    () -> ThreadLocalRandom.current().nextDouble());
            status = retryAt.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
            next = retryAt.orElse(null);
        }
        record(new DeliveryOutbox.Attempted(claim, outcome, status, next, outcome.at()));
        count(delivery.channel(), status == DeliveryStatus.PENDING ? "retry" : status.name().toLowerCase(Locale.ROOT));
        return outcome;
    }

    /**
     * A message of many alerts as sealed: the first attempt seals it, and every attempt after (a retry, or another
     * worker after a crash between sending and recording) sends the very same alerts under the same id.
     */
    private DigestMessage message(String id, Subscription subscription) {
        Digests.Sealed sealed = digests.seal(id);
        Map<String, String> bodies = storedAlerts.bodies(sealed.alertIds());
        List<AlertRaised> alerts = sealed.alertIds().stream().map(bodies::get).filter(java.util.Objects::nonNull)
                .map(body -> EventJson.mapper().readValue(body, AlertRaised.class)).toList();
        return DigestMessage.of(sealed, subscription.name(), alerts);
    }

    /** Hands an outcome to the recorder, waiting only while the recorder is a full queue behind. */
    private void record(DeliveryOutbox.Attempted attempted) {
        Instant retryAt = attempted.nextAttemptAt();
        if (retryAt != null) {
            long dueIn = Duration.between(clock.instant(), retryAt).toNanos();
            retriesDue.add(System.nanoTime() + Math.max(0, dueIn));
        }
        try {
            // Offered first: stop() may interrupt attempts, and put() would refuse even a queue with room.
            if (!toRecord.offer(attempted)) {
                toRecord.put(attempted);
            }
        } catch (InterruptedException e) {
            // Stopping: the lease expires and another worker repeats the attempt.
            Thread.currentThread().interrupt();
        }
    }

    /** Group commit: while one group is written, the outcomes that finish gather for the next. */
    private void recordInGroups(AtomicBoolean finish) {
        while (!finish.get()) {
            try {
                DeliveryOutbox.Attempted first = toRecord.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    recordGroup(first);
                }
            } catch (InterruptedException e) {
                // Nothing should interrupt the recorder (stop() asks it to finish instead): carry on until asked.
            }
        }
        // Attempts made before stopping are still recorded, so they are not repeated after their leases.
        DeliveryOutbox.Attempted left;
        while ((left = toRecord.poll()) != null) {
            recordGroup(left);
        }
    }

    private void recordGroup(DeliveryOutbox.Attempted first) {
        List<DeliveryOutbox.Attempted> group = new ArrayList<>();
        group.add(first);
        toRecord.drainTo(group);
        try {
            int lost = outbox.record(group);
            if (lost > 0) {
                log.warn("{} deliveries lost their claim before their attempts were recorded; whoever took them retries them", lost);
            }
        } catch (RuntimeException e) {
            log.warn("Could not record {} delivery attempts; they are retried after their leases: {}", group.size(), e.toString());
        }
    }

    private void count(String channel, String outcome) {
        Counter.builder("steppewire.notify.deliveries").description("Delivery attempts by channel and outcome")
                .tag("channel", channel).tag("outcome", outcome).register(meters).increment();
    }
}
