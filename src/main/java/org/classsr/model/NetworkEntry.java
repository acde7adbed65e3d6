package org.classsr.model;

/** A named network of a model (the classifier, or a branch such as "simple") and its weights. */
public record NetworkEntry(String name, NetworkSpec spec, WeightsFile weights) {
}
