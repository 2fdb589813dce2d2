/** The pipeline engine. */
package dev.weft.pipelines;
