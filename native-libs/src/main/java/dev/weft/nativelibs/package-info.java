/** Native runtimes, hardware and platform folders. */
package dev.weft.nativelibs;
