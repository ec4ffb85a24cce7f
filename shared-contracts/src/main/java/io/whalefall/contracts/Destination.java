package io.whalefall.contracts;

/**
 * The logical exchanges of the bus. Broker names are configuration; these are the defaults that the
 * AsyncAPI document describes.
 */
public enum Destination {
    /** Topic exchange for commands: requests that something be done. */
    COMMANDS("whalefall.commands"),
    /** Topic exchange for events: facts that happened. */
    EVENTS("whalefall.events"),
    /** Direct exchange for dead letters, routed by the name of the queue the message was rejected from. */
    DEAD_LETTERS("whalefall.dlx");

    private final String defaultExchange;

    Destination(String defaultExchange) {
        this.defaultExchange = defaultExchange;
    }

    /** The exchange name used when the deployment does not configure another one. */
    public String defaultExchange() {
        return defaultExchange;
    }
}
