package dev.taskgateway.core;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fan-out pool of a runtime without virtual threads (JDK 17): at most {@code maxThreads}
 * platform threads, made on demand and retired after a minute idle, and no queue. Work that finds
 * every thread busy runs on the thread that submitted it.
 *
 * <p>Why no queue: the work nests. A request waits on its sources, a source on a load of the read
 * cache, a load on page reads, a page read on its time-limited upstream call, each submitted to
 * this pool. With a queue, busy threads could all wait on work queued behind them until their
 * deadlines passed. Without one, nothing ever waits for a thread: under saturation the submitter
 * does the work itself (slower, never stuck), so the pool bounds threads without deadlock.
 */
public final class BoundedPool extends ThreadPoolExecutor {

    /**
     * @param maxThreads most threads at once (at least 1)
     * @param name       thread name prefix
     */
    public BoundedPool(int maxThreads, String name) {
        super(0, maxThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads(name), BoundedPool::runHere);
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1, was " + maxThreads);
        }
    }

    /** Every thread busy: the submitter runs it; once shut down, refused as any pool refuses. */
    private static void runHere(Runnable work, ThreadPoolExecutor pool) {
        if (pool.isShutdown()) {
            throw new RejectedExecutionException("the fan-out pool is shut down");
        }
        work.run();
    }

    /**
     * Daemon threads with the application's class loader as context loader. A thread inherits its
     * creator's, and the first fan-out of a request is made on a Tomcat thread whose context loader
     * is the web application's: Tomcat then took the pool's idle threads for ones the web app had
     * leaked and warned of a memory leak at every shutdown.
     */
    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader application = BoundedPool.class.getClassLoader();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setContextClassLoader(application);
            thread.setDaemon(true);
            return thread;
        };
    }
}
