/**
 * The dataset job over plain folders or prefixes of HR images ({@code classsr dataset --hr}):
 * in one JVM or as a Spark job, one shard per fixed group of images, the same bytes either way.
 * Uses {@code train} for the cutting and the shard format and {@code spark} for listing and
 * Hadoop file systems.
 */
package org.classsr.dataset;
