package org.classsr.archive;

import java.util.List;
import java.util.Map;

/**
 * One archive's image members in archive order, and what was refused while listing it (by input
 * name: {@code ARCHIVE!/PATH}, or the archive's URI when the archive as a whole cannot be read).
 */
public record ArchiveListing(List<ArchiveMember> members, Map<String, String> refused) {
}
