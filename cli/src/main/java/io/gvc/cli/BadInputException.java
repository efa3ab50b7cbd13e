package io.gvc.cli;

/** Input the user gave us is wrong (file, bitstream, model): exit code 3 with this one-line message. */
public class BadInputException extends Exception {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
