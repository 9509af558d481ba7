package dev.fairwise.ingest;

/**
 * One turn of a conversation, as in the OpenAI / TRL conversational format.
 *
 * @param role system, user or assistant
 * @param content the text
 */
public record Message(String role, String content) {}
