/**
 * Training data: cutting images into HR/LR sub-images ({@link org.classsr.dataset.DatasetBuilder}),
 * the shard format ({@link org.classsr.dataset.ShardFormat}) and its reader
 * ({@link org.classsr.dataset.SampleDataset}), optional per-sub-image labels from a model
 * ({@link org.classsr.dataset.ModelLabeler}), and the job over plain folders, prefixes or archives of
 * HR images ({@code classsr dataset --hr}): in one JVM or as a Spark job, one shard per fixed group
 * of images, the same bytes either way. Uses {@code engine} for the labels and {@code spark} for
 * listing and Hadoop file systems; {@code train} reads what it writes and is never used here.
 */
package org.classsr.dataset;
