package io.smc.http;

import java.io.IOException;

/** What a GET of one path answers; the router owns methods, errors and the exchange itself. */
@FunctionalInterface
interface Resource {
    /** @throws IOException or any other exception: the router answers 500 without the exception's text */
    Reply get() throws IOException;
}
