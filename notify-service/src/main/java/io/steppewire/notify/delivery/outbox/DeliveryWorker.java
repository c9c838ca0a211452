package io.steppewire.notify.delivery.outbox;

import java.util.Locale;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works off the delivery outbox apart from matching, so a slow receiver never holds back the event
 * consumers. Each worker has its own identity for leases; claimed deliveries run on virtual threads,
 * at most {@code concurrency} at once. Deliveries this instance just queued are {@link #handOff handed
 * over} in memory and claimed by id, so a first attempt starts at once without a query; the worker
 * polls the outbox for retries, for deliveries queued elsewhere and for any a crash left behind.
 * {@link EndpointGuards} give each endpoint at most a few of the slots and stop attempts at a failing one; deliveries
 * of a blocked endpoint are parked in memory or left due in the outbox, never holding a slot.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryOutbox outbox;
    private final SubscriptionStore subscriptions;
    private final SubscriptionIndex index;
    private final WebhookSender webhooks;
    private final EmailSender mail;
    private final EndpointGuards endpoints;
    private final DeliveryProperties properties;
    private final RetrySchedule retries;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer attemptTimer;
    /** The longest an attempt can take; a lease taken on insert must outlast it from the attempt's start. */
    private final Duration longestAttempt;
    private final Semaphore wakeUp = new Semaphore(0);
    /**
     * Deliveries to claim when slots are free: handed off by this instance's consumers or found by a
     * poll. Nothing is reserved until claimed; the outbox stays their durable record.
     */
    private final Queue<DeliveryOutbox.Candidate> candidates = new ConcurrentLinkedQueue<>();

    /** Bounds the memory waiting candidates take when receivers are slower than matching. */
    static final int MAX_CANDIDATES = 10_000;
    /** Candidates one poll fetches per delivery slot: the poll's query (a scan in some stores) serves that many claims. */
    static final int POLLED_PER_SLOT = 8;
    private final AtomicInteger candidateCount = new AtomicInteger();
    /**
     * Candidates whose endpoint was busy or failing when their turn came, by endpoint: they wait here, without a
     * slot, a query or a write, until the endpoint is free again. Touched by the dispatcher only (and by stop()
     * once the dispatcher has ended).
     */
    private final Map<String, Deque<DeliveryOutbox.Candidate>> parked = new LinkedHashMap<>();
    private int parkedCount;
    /**
     * Attempts waiting to be recorded; the recorder writes whatever has gathered in one bulk write per
     * collection. A slot is free again once its attempt is queued here, so a receiver's answer and the
     * next POST do not wait for the store; the queue's bound (four per slot) keeps attempts from running
     * ahead of their records.
     */
    private final BlockingQueue<ToRecord> toRecord;

    /** An attempt to record, and the answer: whether the claim still held. */
    private record ToRecord(DeliveryOutbox.Attempted attempt, CompletableFuture<Boolean> recorded) {
    }

    private volatile boolean running;
    private volatile String workerId = "";
    private Thread dispatcher;
    /**
     * Writes queued attempts on a thread of its own, which stop() never interrupts: an interrupt during a
     * MongoDB write fails the write, and the attempts in it would be repeated after their leases.
     */
    private Thread recorder;
    /** Set by stop() once no attempt of this run can be queued any more: the recorder then writes what is left and ends. */
    private AtomicBoolean finishRecording = new AtomicBoolean(true);
    private ExecutorService attempts;
    private Semaphore slots;

    public DeliveryWorker(DeliveryOutbox outbox, SubscriptionStore subscriptions, SubscriptionIndex index, WebhookSender webhooks, EmailSender mail,
                          EndpointGuards endpoints, DeliveryProperties properties, Clock clock, MeterRegistry meters) {
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
        this.endpoints = endpoints;
        this.properties = properties;
        this.retries = properties.retrySchedule();
        this.clock = clock;
        this.meters = meters;
        this.toRecord = new LinkedBlockingQueue<>(properties.concurrency() * 4);
        this.attemptTimer = Timer.builder("steppewire.notify.delivery.attempt")
                .description("Duration of delivery attempts, successful or not").register(meters);
    }

    /** Asks the worker to look for due deliveries now instead of at its next poll. */
    public void wake() {
        wakeUp.release();
    }

    /**
     * The lease under which deliveries about to be queued and {@link #handOff handed off} to this worker
     * may be written, so that it attempts them without a claim's write; null while the worker is stopped
     * or has {@link #MAX_CANDIDATES} waiting (they are then queued unleased and left to the poll).
     */
    public DeliveryOutbox.@Nullable Lease handOffLease(Instant now) {
        if (!running || candidateCount.get() >= MAX_CANDIDATES) {
            return null;
        }
        return new DeliveryOutbox.Lease(workerId, now.plus(properties.lease()));
    }

    /**
     * Hands deliveries that {@link DeliveryOutbox#enqueueAll} just created to this worker, which claims
     * them by id and version without a query (or without any write, when they were queued under its
     * {@link #handOffLease lease}). Beyond {@link #MAX_CANDIDATES} waiting, or while the worker is
     * stopped, they are left to the poll, which finds them in the outbox all the same.
     */
    public void handOff(List<DeliveryOutbox.Candidate> created) {
        if (created.isEmpty()) {
            return;
        }
        boolean leased = created.stream().anyMatch(c -> c.lease() != null);
        if (running && (leased || candidateCount.get() < MAX_CANDIDATES)) {
            addCandidates(created);
        } else if (leased) {
            releaseUnattempted(created);
        }
        wakeUp.release();
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        // A fresh identity per start: leases of an earlier run (e.g. before a crash) are not ours and must expire.
        workerId = UUID.randomUUID().toString();
        slots = new Semaphore(properties.concurrency());
        attempts = Executors.newVirtualThreadPerTaskExecutor();
        running = true;
        dispatcher = Thread.ofPlatform().name("delivery-dispatcher").daemon().start(this::dispatch);
        // Per run: a recorder a slow stop left behind finishes its own run's queue and is not revived by this start.
        AtomicBoolean finish = new AtomicBoolean();
        finishRecording = finish;
        recorder = Thread.ofPlatform().name("delivery-recorder").daemon().start(() -> recordInGroups(finish));
        log.info("Delivery worker {} started with {} slots", workerId, properties.concurrency());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp.release();
        try {
            dispatcher.join(Duration.ofSeconds(5));
            // Still in the outbox: whichever worker runs next finds them there.
            List<DeliveryOutbox.Candidate> unattempted = new ArrayList<>(takeCandidates(Integer.MAX_VALUE));
            parked.values().forEach(unattempted::addAll);
            parked.clear();
            parkedCount = 0;
            releaseUnattempted(unattempted);
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
            recorder.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (recorder.isAlive()) {
            log.warn("Delivery worker {} stopped before its last attempts were recorded; the recorder goes on writing them", workerId);
        }
        log.info("Delivery worker {} stopped", workerId);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void dispatch() {
        long nextPoll = System.nanoTime();
        int pollBatch = properties.concurrency() * POLLED_PER_SLOT;
        while (running) {
            try {
                // Cleared before looking, so a wake-up that arrives while we look is kept for the wait below.
                wakeUp.drainPermits();
                // One view of the blocked endpoints for both: parked candidates come back when their endpoint is free
                // again, and a poll never fetches one that is parked.
                Set<String> blocked = endpoints.blocked();
                unpark(blocked);
                if (candidateCount.get() == 0 && System.nanoTime() - nextPoll >= 0) {
                    // Deliveries to busy or failing endpoints stay due in the outbox, out of this poll's way.
                    List<DeliveryOutbox.Candidate> found = outbox.findDue(clock.instant(), pollBatch, blocked);
                    addCandidates(found);
                    // A full batch means more may be due: look again as soon as these are claimed.
                    nextPoll = System.nanoTime() + (found.size() < pollBatch ? properties.pollInterval().toNanos() : 0);
                }
                int free = slots.availablePermits();
                int waiting = candidateCount.get();
                // Each claim costs one bulk write whatever its size: wait for a fair share of the slots first,
                // unless every waiting candidate fits now.
                if (waiting > 0 && free > 0 && (free * 2 >= properties.concurrency() || waiting <= free)) {
                    List<DeliveryOutbox.Candidate> startable = takeStartable(free);
                    for (DeliveryOutbox.Claimed claim : startable.isEmpty() ? List.<DeliveryOutbox.Claimed>of() : claimStarted(startable)) {
                        String endpoint = endpointOf(startable, claim);
                        slots.acquire();
                        attempts.execute(() -> {
                            AttemptOutcome counted = null;
                            try {
                                counted = attempt(claim);
                            } finally {
                                if (endpoint != null) {
                                    if (counted != null) {
                                        endpoints.finished(endpoint, counted);
                                    } else {
                                        endpoints.abandoned(endpoint);
                                    }
                                }
                                slots.release();
                                wakeUp.release();
                            }
                        });
                    }
                    if (!startable.isEmpty()) {
                        continue;
                    }
                    // Every waiting candidate was parked for a blocked endpoint: wait like an idle worker.
                }
                // Nothing to claim now: wait for a hand-off, a freed slot (which may free an endpoint) or the next poll.
                long wait = candidateCount.get() > 0 ? properties.pollInterval().toNanos() : Math.max(0, nextPoll - System.nanoTime());
                wakeUp.tryAcquire(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // MongoDB unreachable or similar: keep the worker alive and try again after a pause.
                log.warn("Could not claim deliveries: {}", e.toString());
                try {
                    wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Makes candidates leased on insert due again now, instead of after their lease; a failure leaves them to the lease. */
    private void releaseUnattempted(List<DeliveryOutbox.Candidate> unattempted) {
        try {
            outbox.releaseUnattempted(unattempted);
        } catch (RuntimeException e) {
            log.warn("Could not release {} handed-off deliveries; they are attempted after their lease: {}", unattempted.size(), e.toString());
        }
    }

    private void addCandidates(List<DeliveryOutbox.Candidate> added) {
        candidates.addAll(added);
        candidateCount.addAndGet(added.size());
    }

    /**
     * Up to {@code max} waiting candidates whose endpoints each gave them a place ({@link EndpointGuards#tryStart}).
     * The others are parked by endpoint, outside the waiting count (so polls for other endpoints go on), until
     * their endpoint is free again; nothing is written for them. Beyond {@link #MAX_CANDIDATES} parked they are let
     * go: they stay due in the outbox (those handed off under a lease are released, so they do not wait it out), and
     * the poll leaves them out while their endpoint is blocked.
     */
    private List<DeliveryOutbox.Candidate> takeStartable(int max) {
        List<DeliveryOutbox.Candidate> taken = new ArrayList<>(Math.min(max, candidateCount.get()));
        List<DeliveryOutbox.Candidate> letGoLeased = new ArrayList<>();
        int looked = 0;
        DeliveryOutbox.Candidate next;
        while (taken.size() < max && (next = candidates.poll()) != null) {
            looked++;
            // An entry queued before entries named their endpoint is attempted unguarded.
            if (next.endpoint() == null || endpoints.tryStart(next.endpoint())) {
                taken.add(next);
            } else if (parkedCount < MAX_CANDIDATES) {
                parked.computeIfAbsent(next.endpoint(), e -> new ArrayDeque<>()).add(next);
                parkedCount++;
            } else if (next.lease() != null) {
                letGoLeased.add(next);
            }
        }
        candidateCount.addAndGet(-looked);
        if (!letGoLeased.isEmpty()) {
            releaseUnattempted(letGoLeased);
        }
        return taken;
    }

    /**
     * Puts the first parked candidates of each endpoint that is no longer blocked back among the waiting ones, as
     * many as the endpoint can take at once: the rest would only be parked again.
     */
    private void unpark(Set<String> blocked) {
        if (parked.isEmpty()) {
            return;
        }
        var endpointsParked = parked.entrySet().iterator();
        while (endpointsParked.hasNext()) {
            var entry = endpointsParked.next();
            if (blocked.contains(entry.getKey())) {
                continue;
            }
            Deque<DeliveryOutbox.Candidate> waitingHere = entry.getValue();
            List<DeliveryOutbox.Candidate> back = new ArrayList<>(properties.perEndpointConcurrency());
            while (back.size() < properties.perEndpointConcurrency() && !waitingHere.isEmpty()) {
                back.add(waitingHere.poll());
            }
            parkedCount -= back.size();
            addCandidates(back);
            if (waitingHere.isEmpty()) {
                endpointsParked.remove();
            }
        }
    }

    /** Claims started candidates; the endpoint places of those not claimed (another worker took them) are given back. */
    private List<DeliveryOutbox.Claimed> claimStarted(List<DeliveryOutbox.Candidate> started) {
        List<DeliveryOutbox.Claimed> claimed;
        try {
            claimed = outbox.claim(started, workerId, clock.instant(), properties.lease(), longestAttempt);
        } catch (RuntimeException e) {
            started.stream().map(DeliveryOutbox.Candidate::endpoint).filter(Objects::nonNull).forEach(endpoints::abandoned);
            throw e;
        }
        Set<String> ids = new HashSet<>();
        claimed.forEach(c -> ids.add(c.delivery().alertId()));
        started.stream().filter(c -> c.endpoint() != null && !ids.contains(c.alertId()))
                .forEach(c -> endpoints.abandoned(c.endpoint()));
        return claimed;
    }

    private static @Nullable String endpointOf(List<DeliveryOutbox.Candidate> started, DeliveryOutbox.Claimed claim) {
        for (DeliveryOutbox.Candidate c : started) {
            if (c.alertId().equals(claim.delivery().alertId())) {
                return c.endpoint();
            }
        }
        return null;
    }

    private List<DeliveryOutbox.Candidate> takeCandidates(int max) {
        List<DeliveryOutbox.Candidate> taken = new ArrayList<>(Math.min(max, candidateCount.get()));
        DeliveryOutbox.Candidate next;
        while (taken.size() < max && (next = candidates.poll()) != null) {
            taken.add(next);
        }
        candidateCount.addAndGet(-taken.size());
        return taken;
    }

    /**
     * Runs one attempt and records it. Answers the outcome the endpoint's circuit should count, or null when no
     * attempt reached the endpoint (the subscription was deleted, or stopping interrupted it).
     */
    private @Nullable AttemptOutcome attempt(DeliveryOutbox.Claimed claim) {
        DeliveryOutbox.Delivery delivery = claim.delivery();
        // The index knows every subscription this instance has seen; MongoDB answers for one created elsewhere moments ago.
        Optional<Subscription> subscription = index.find(delivery.subscriptionId())
                .or(() -> subscriptions.find(delivery.subscriptionId()).filter(s -> !s.deleted()));
        if (subscription.isEmpty()) {
            outbox.cancel(claim, clock.instant());
            count(delivery.channel(), "cancelled");
            return null;
        }
        AttemptOutcome outcome = switch (subscription.get().channel()) {
            case Channel.Webhook webhook -> webhooks.send(webhook, delivery.alertId(), delivery.body());
            case Channel.Email email -> mail.send(email, delivery.alertId(), delivery.body());
            case Channel.ServerSentEvents ignored -> AttemptOutcome.success(clock.instant(), Duration.ZERO, null);
        };
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
            Optional<Instant> retryAt = retries.nextAttempt(delivery.attempts().size() + 1, firstAttempt, clock.instant(),
                    () -> ThreadLocalRandom.current().nextDouble());
            status = retryAt.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
            next = retryAt.orElse(null);
        }
        String outcomeName = status == DeliveryStatus.PENDING ? "retry" : status.name().toLowerCase(Locale.ROOT);
        record(new DeliveryOutbox.Attempted(claim, outcome, status, next)).whenComplete((recorded, error) -> {
            if (error != null) {
                log.warn("Could not record the attempt of delivery {}: {}; it is retried after its lease", delivery.alertId(), error.toString());
            } else if (!recorded) {
                log.warn("Lost the lease of delivery {} before recording its attempt; another worker will retry it", delivery.alertId());
            }
        });
        count(delivery.channel(), outcomeName);
        return outcome;
    }

    /**
     * Hands the attempt to the recorder, waiting only while the recorder is a full queue behind. The
     * answer says whether the claim still held when it was written.
     */
    private CompletableFuture<Boolean> record(DeliveryOutbox.Attempted attempt) {
        ToRecord entry = new ToRecord(attempt, new CompletableFuture<>());
        try {
            // Offered first: stop() interrupts attempts, and put() would refuse even a queue with room to an
            // attempt that finished just before, though the recorder still writes it.
            if (!toRecord.offer(entry)) {
                toRecord.put(entry);
            }
        } catch (InterruptedException e) {
            // Stopping: the lease expires and another worker repeats the attempt.
            Thread.currentThread().interrupt();
            entry.recorded().complete(true);
        }
        return entry.recorded();
    }

    /**
     * Group commit: while one bulk write is under way, the attempts that finish gather for the next, so
     * recording costs two writes per group instead of two per attempt.
     */
    private void recordInGroups(AtomicBoolean finish) {
        while (!finish.get()) {
            try {
                ToRecord first = toRecord.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    recordGroup(first);
                }
            } catch (InterruptedException e) {
                // Nothing should interrupt the recorder (stop() asks it to finish instead): carry on until asked.
            }
        }
        // Attempts made before stopping are still recorded, so they are not repeated after their leases.
        ToRecord left;
        while ((left = toRecord.poll()) != null) {
            recordGroup(left);
        }
    }

    private void recordGroup(ToRecord first) {
        List<ToRecord> group = new ArrayList<>();
        group.add(first);
        toRecord.drainTo(group);
        try {
            Set<String> recorded = outbox.recordAttempts(group.stream().map(ToRecord::attempt).toList());
            group.forEach(r -> r.recorded().complete(recorded.contains(r.attempt().alertId())));
        } catch (RuntimeException e) {
            group.forEach(r -> r.recorded().completeExceptionally(e));
        }
    }

    private void count(String channel, String outcome) {
        Counter.builder("steppewire.notify.deliveries").description("Delivery attempts by channel and outcome")
                .tag("channel", channel).tag("outcome", outcome).register(meters).increment();
    }
}
