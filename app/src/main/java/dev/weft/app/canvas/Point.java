package dev.weft.app.canvas;

/** A point in canvas (world) units or view pixels, as the caller says. */
public record Point(double x, double y) {}
