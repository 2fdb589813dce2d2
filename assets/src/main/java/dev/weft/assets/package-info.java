/** Media values, codecs and the asset store. */
package dev.weft.assets;
