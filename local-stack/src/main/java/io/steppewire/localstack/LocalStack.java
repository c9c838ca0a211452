package io.steppewire.localstack;

public final class LocalStack {
    public static void main(String[] args) {
    }
}
