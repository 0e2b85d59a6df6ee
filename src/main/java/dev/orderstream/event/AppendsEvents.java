package dev.orderstream.event;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a transactional write that appends to the event log: once its transaction committed, the
 * relay and this instance's SSE broadcaster are woken, so events go out without waiting for a poll.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface AppendsEvents {
}
