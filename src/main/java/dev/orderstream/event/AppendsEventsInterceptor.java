package dev.orderstream.event;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs outside {@code @WithTransaction} (priority 100 &lt; 200), so the signal fires after the commit:
 * a reader woken earlier would not see the new rows yet.
 */
@AppendsEvents
@Interceptor
@Priority(100)
public class AppendsEventsInterceptor {

    private final EventSignal signal;

    public AppendsEventsInterceptor(EventSignal signal) {
        this.signal = signal;
    }

    @AroundInvoke
    Object afterCommit(InvocationContext context) throws Exception {
        Object result = context.proceed();
        if (result instanceof Uni<?> uni) {
            return uni.invoke(signal::committed);
        }
        return result;
    }
}
