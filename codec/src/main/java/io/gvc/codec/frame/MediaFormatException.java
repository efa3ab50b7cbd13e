package io.gvc.codec.frame;

import java.io.IOException;

/**
 * A media file that cannot be read as video: wrong magic, missing header field, truncated frame,
 * unsupported chroma format and so on. The message is one line that names the file and the fault,
 * so it can be shown to a user as it is.
 */
public class MediaFormatException extends IOException {

    public MediaFormatException(String message) {
        super(message);
    }

    public MediaFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
