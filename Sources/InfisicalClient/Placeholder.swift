enum InfisicalClientModule {}
