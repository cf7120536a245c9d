enum DevServerModule {}
