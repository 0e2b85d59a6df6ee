package dev.orderstream.bulk;

import dev.orderstream.common.DomainException;

import java.util.UUID;

public class BulkJobNotFoundException extends DomainException {

    public BulkJobNotFoundException(UUID id) {
        super(Kind.NOT_FOUND, "bulk-job-not-found", "Bulk job not found", "Bulk job " + id + " does not exist");
    }
}
