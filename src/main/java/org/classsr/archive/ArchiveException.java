package org.classsr.archive;

import java.io.IOException;

/** A member (or a whole archive) that cannot be read; the message is one line without the name. */
public final class ArchiveException extends IOException {

    private static final long serialVersionUID = 1L;

    public ArchiveException(String reason) {
        super(reason);
    }

    public ArchiveException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
