package io.runvault.models;

import io.runvault.problem.InvalidRequestException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named model (e.g. fashion-classifier) whose versions move through the stages. */
@Entity
@Table(name = "registered_model")
public class RegisteredModel {

    @Id
    @Column(name = "name")
    private String name;

    @Column(name = "description", nullable = false)
    private String description;

    @Column(name = "owner", nullable = false)
    private String owner;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RegisteredModel() {
        // for JPA
    }

    RegisteredModel(String name, String description, String owner, Instant createdAt) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            throw new InvalidRequestException("bad-model-name",
                    "A model name is 1-100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (description != null && description.length() > 2000) {
            throw new InvalidRequestException("bad-model", "A description has at most 2000 characters");
        }
        this.name = name;
        this.description = description == null ? "" : description;
        this.owner = owner;
        this.createdAt = createdAt;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String owner() {
        return owner;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
