package dev.orderstream.event;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-process doorbell: "new events were committed here". Listeners must not block. */
@ApplicationScoped
public class EventSignal {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void onCommitted(Runnable listener) {
        listeners.add(listener);
    }

    public void committed() {
        listeners.forEach(Runnable::run);
    }
}
